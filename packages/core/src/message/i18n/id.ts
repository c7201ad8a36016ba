/**
 * Every string a person reads in a Tenggat mail, in Bahasa Indonesia (the default language),
 * keyed by meaning. `en.ts` has the same keys (its type is this object's type).
 */

const REGULATION = "Peraturan Bupati Sambas Nomor 8 Tahun 2016";

export const id = {
  regulation: REGULATION,
  regulationShort: "Perbup Sambas 8/2016",
  sender: "Tenggat GT PP-TPPO Sambas",
  prefix: "[Tenggat]",

  dates: {
    long: (day: string, rest: string) => `${day}, ${rest}`,
    /** The period is the Indonesian time separator: `09.00`. */
    time: (hhmm: string) => hhmm.replace(":", "."),
    range: (range: string) => range,
    today: "hari ini",
    tomorrow: "besok",
    inDays: (n: number) => `${n} hari lagi`,
    overdue: (n: number) => `terlambat ${n} hari`,
  },

  common: {
    greeting: (name: string) => `Yth. Bapak/Ibu ${name},`,
    greetingAnonymous: "Yth. Bapak/Ibu,",
    unit: "Unit",
    due: "Tenggat",
    basis: "Dasar hukum",
    responsible: "Penanggung jawab",
    period: "Periode",
    open: "Buka",
    ack: "Konfirmasi diterima",
    dueWithDistance: (date: string, distance: string) => `${date} (${distance})`,
    /** Someone acting for an office they do not hold: "a.n." (atas nama). */
    onBehalf: (actor: string, office: string) => `${actor} a.n. ${office}`,
    actorWithOffice: (name: string, office: string) => `${name} (${office})`,
  },

  footer: {
    who: `Surel ini dikirim otomatis oleh Tenggat, sistem kalender dan pengingat Gugus Tugas Pencegahan dan Penanganan Tindak Pidana Perdagangan Orang (GT PP-TPPO) Kabupaten Sambas, berdasarkan ${REGULATION}.`,
    as: (offices: string) => `Anda menerima surel ini sebagai ${offices}.`,
    member: "Anda menerima surel ini sebagai personel Gugus Tugas PP-TPPO.",
    signIn: "Anda menerima surel ini karena ada permintaan tautan masuk untuk alamat ini.",
    noReply: "Surel ini tidak perlu dibalas; balasan tidak dibaca.",
    language: "Ganti bahasa surel / Change e-mail language",
  },

  digest: {
    stage: {
      overdue: "Terlambat",
      due: "Jatuh tempo hari ini",
      escalation: "Eskalasi: unit di bawah Anda terlambat",
      reminder: "Akan datang",
    },
    subjectStage: {
      overdue: (d: string) => `terlambat, tenggat ${d}`,
      due: (d: string) => `tenggat hari ini, ${d}`,
      escalation: (d: string) => `eskalasi, tenggat ${d}`,
      reminder: (d: string) => `tenggat ${d}`,
    },
    count: (n: number) => `${n} kewajiban`,
    heading: (stage: string, n: number) => `${stage} (${n})`,
    intro: (n: number, today: string) =>
      `Ada ${n} kewajiban Gugus Tugas PP-TPPO yang perlu Anda perhatikan per ${today}.`,
    ack: "Tekan \u201cKonfirmasi diterima\u201d untuk mencatat bahwa Anda sudah mengetahui kewajiban tersebut.",
    more: (shown: number, total: number) =>
      `Surel ini memuat ${shown} dari ${total} kewajiban, yang paling mendesak lebih dahulu. ${total - shown} kewajiban lainnya ada di halaman ringkasan.`,
    overview: "Lihat semua kewajiban",
  },

  report: {
    open: "Buka laporan",
    review: "Periksa laporan",
    reviewBy: "Periksa paling lambat",
    resubmitBy: "Kirim ulang paling lambat",
    commentsOf: (reviewer: string) => `Catatan ${reviewer}`,
    returned: {
      subject: (name: string) => `Laporan dikembalikan untuk diperbaiki: ${name}`,
      lead: (reviewer: string, title: string) =>
        `${reviewer} mengembalikan laporan \u201c${title}\u201d untuk diperbaiki.`,
    },
    approved: {
      subject: (name: string) => `Laporan disetujui: ${name}`,
      lead: (approver: string, title: string, on: string) =>
        `${approver} menyetujui laporan \u201c${title}\u201d pada ${on}.`,
      next: (to: string, basis: string) =>
        `Laporan diteruskan secara berjenjang kepada ${to} (${basis}).`,
    },
    forwarded: {
      subject: (name: string) => `Laporan menunggu pemeriksaan Anda: ${name}`,
      lead: (from: string, title: string) =>
        `${from} meneruskan laporan \u201c${title}\u201d kepada Anda untuk diperiksa.`,
    },
    sentOn: {
      subject: (name: string, to: string) => `Laporan diteruskan kepada ${to}: ${name}`,
      lead: (from: string, title: string, to: string) =>
        `${from} meneruskan laporan \u201c${title}\u201d kepada ${to} untuk diperiksa.`,
      after:
        "Anda tidak perlu berbuat apa-apa; Anda akan diberi tahu bila laporan disetujui atau dikembalikan.",
    },
    published: {
      subject: (name: string) => `Laporan diterbitkan: ${name}`,
      lead: (by: string, title: string, on: string) =>
        `${by} menerbitkan laporan \u201c${title}\u201d pada ${on}. Laporan kini dapat dibaca publik.`,
    },
  },

  task: {
    open: "Buka tugas",
    description: "Uraian tugas",
    reason: "Alasan",
    note: "Catatan penyelesaian",
    assigned: {
      subject: (title: string) => `Tugas baru: ${title}`,
      subjectDue: (title: string, due: string) => `Tugas baru: ${title} — tenggat ${due}`,
      lead: (by: string, title: string) => `${by} memberi Anda tugas \u201c${title}\u201d.`,
    },
    reassignedAway: {
      subject: (title: string, to: string) => `Tugas dialihkan kepada ${to}: ${title}`,
      lead: (by: string, title: string, to: string) =>
        `${by} mengalihkan tugas \u201c${title}\u201d dari kantor Anda kepada ${to}. Anda tidak lagi menanggung tugas ini.`,
    },
    completed: {
      subject: (title: string) => `Tugas selesai: ${title}`,
      lead: (by: string, title: string, on: string) =>
        `${by} menyelesaikan tugas \u201c${title}\u201d yang Anda berikan, pada ${on}.`,
    },
  },

  meeting: {
    facts: {
      meeting: "Rapat",
      date: "Hari, tanggal",
      time: "Waktu",
      place: "Tempat",
      convenedBy: "Penyelenggara",
    },
    agenda: "Acara",
    reason: "Alasan",
    view: "Lihat rapat",
    confirm: "Konfirmasi kehadiran",
    startsAt: (date: string, time: string) => `${date}, ${time} WIB`,
    when: (date: string, range: string) => `${date}, ${range}`,
    calendarRequest:
      "Undangan kalender terlampir (invite.ics): buka untuk menambahkannya ke Google Calendar, Outlook, atau kalender ponsel Anda.",
    calendarUpdate:
      "Undangan kalender terlampir (invite.ics) memperbarui acara yang sudah ada di kalender Anda.",
    calendarCancel:
      "Pembatalan untuk kalender Anda terlampir (invite.ics); kalender yang sudah memuat undangan akan menghapus acara ini.",
    invitation: {
      subject: (title: string, start: string) => `Undangan rapat: ${title} — ${start}`,
      lead: (title: string, when: string) => `Anda diundang menghadiri ${title} pada ${when}.`,
    },
    rescheduled: {
      subject: (title: string, start: string) => `Jadwal rapat diubah: ${title} — kini ${start}`,
      lead: (title: string, when: string) => `Jadwal ${title} diubah. Jadwal baru: ${when}.`,
      previous: "Jadwal lama (batal)",
    },
    cancelled: {
      subject: (title: string, date: string) => `Rapat dibatalkan: ${title} — ${date}`,
      lead: (title: string, when: string) => `${title} pada ${when} dibatalkan.`,
    },
    special: {
      title: "Rapat Koordinasi Khusus",
      unit: "Gugus Tugas PP-TPPO",
      subject: (title: string, basis: string, start: string) => `${title} (${basis}) — ${start}`,
      lead: (by: string, title: string, basis: string, when: string) =>
        `${by} memanggil ${title} sesuai ${basis} ${REGULATION}, yang dihadiri seluruh personel Gugus Tugas, pada ${when}.`,
      why: "Rapat ini membahas penanganan yang memerlukan keputusan cepat. Rinciannya disampaikan dalam rapat dan tidak dikirim lewat surel.",
    },
  },

  signIn: {
    subject: (minutes: number) => `Tautan masuk (berlaku ${minutes} menit)`,
    lead: (minutes: number) =>
      `Gunakan tautan di bawah ini untuk masuk ke Tenggat. Tautan ini berlaku ${minutes} menit dan hanya dapat dipakai satu kali.`,
    ignore:
      "Jika Anda tidak meminta tautan ini, abaikan surel ini; tidak ada yang berubah pada akun Anda. Jangan teruskan surel ini kepada siapa pun.",
    button: "Masuk ke Tenggat",
  },

  labels: {
    period: {
      year: (y: string) => `Tahun ${y}`,
      semester: (n: string, y: string) => `Semester ${n} ${y}`,
      quarter: (n: string, y: string) => `Triwulan ${n} ${y}`,
      occurrence: (n: string, y: string) => `Kegiatan ke-${n} tahun ${y}`,
      years: (a: string, b: string) => `Tahun ${a}–${b}`,
      window: (from: string) => `Periode mulai ${from}`,
    },
    /** "L-III §VIII" → "Lampiran III Bab VIII". */
    annex: (annex: string, chapter: string) => `Lampiran ${annex} Bab ${chapter}`,
    annexOnly: (annex: string) => `Lampiran ${annex}`,
    article: (n: string) => `Pasal ${n}`,
    status: {
      open: "belum selesai",
      satisfied: "selesai",
      waived: "dibebaskan",
      retired: "tidak berlaku lagi",
      draft: "draf",
      submitted: "diajukan",
      returned: "dikembalikan",
      approved: "disetujui",
      forwarded: "diteruskan",
      published: "diterbitkan",
      assigned: "ditugaskan",
      accepted: "diterima",
      done: "selesai",
      cancelled: "dibatalkan",
      scheduled: "terjadwal",
      held: "terlaksana",
    },
    /** Office roles, for an office code the directory does not name. */
    role: {
      penasehat: "Penasehat",
      ketua: "Ketua",
      "ketua-harian": "Ketua Harian",
      sekretaris: "Sekretaris",
      anggota: "Anggota",
      koordinator: "Koordinator",
      "wakil-koordinator": "Wakil Koordinator",
    },
    officeOf: (role: string, unit: string) => `${role} ${unit}`,
    taskForce: "Gugus Tugas",
    subTaskForce: (letter: string) => `Sub Gugus Tugas ${letter}`,
    satgas: (place: string) => `Satgas ${place}`,
    timestamp: (date: string, time: string) => `${date}, ${time} WIB`,
  },
};

export type Catalogue = typeof id;
