/**
 * New and full moons (Meeus, Astronomical Algorithms, ch. 49: mean phase with the periodic
 * terms; a few minutes off at most, ample for dates). Build-time only: the holiday generator
 * uses them for the dates `date-holidays` lacks or gets wrong for Indonesia.
 */

const RAD = Math.PI / 180;

/** The moment of phase `k` (integer = new moon, +0.5 = full moon), in ms since the epoch (UTC). */
export function phase(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const T4 = T3 * T;
  let jde =
    2451550.09766 + 29.530588861 * k + 0.00015437 * T2 - 0.00000015 * T3 + 0.00000000073 * T4;
  const E = 1 - 0.002516 * T - 0.0000074 * T2;
  const M = (2.5534 + 29.1053567 * k - 0.0000014 * T2 - 0.00000011 * T3) * RAD;
  const Mp =
    (201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4) * RAD;
  const F =
    (160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4) * RAD;
  const O = (124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3) * RAD;
  const full = k - Math.floor(k) !== 0;
  const s = Math.sin;
  jde += full
    ? -0.40614 * s(Mp) +
      0.17302 * E * s(M) +
      0.01614 * s(2 * Mp) +
      0.01043 * s(2 * F) +
      0.00734 * E * s(Mp - M) -
      0.00515 * E * s(Mp + M) +
      0.00209 * E * E * s(2 * M)
    : -0.4072 * s(Mp) +
      0.17241 * E * s(M) +
      0.01608 * s(2 * Mp) +
      0.01039 * s(2 * F) +
      0.00739 * E * s(Mp - M) -
      0.00514 * E * s(Mp + M) +
      0.00208 * E * E * s(2 * M);
  jde +=
    -0.00111 * s(Mp - 2 * F) -
    0.00057 * s(Mp + 2 * F) +
    0.00056 * E * s(2 * Mp + M) -
    0.00042 * s(3 * Mp) +
    0.00042 * E * s(M + 2 * F) +
    0.00038 * E * s(M - 2 * F) -
    0.00024 * E * s(2 * Mp - M) -
    0.00017 * s(O) -
    0.00007 * s(Mp + 2 * M) +
    0.00004 * s(2 * Mp - 2 * F) +
    0.00004 * s(3 * M) +
    0.00003 * s(Mp + M - 2 * F) +
    0.00003 * s(2 * Mp + 2 * F);
  return (jde - 2440587.5) * 86_400_000;
}

/** Phase index `k` (integer) of the new moon nearest to `ms`. */
export function nearestNewMoon(ms: number): number {
  const jd = ms / 86_400_000 + 2440587.5;
  let k = Math.round((jd - 2451550.09766) / 29.530588861);
  // The mean estimate can be off by a day or so: settle on the nearest true phase.
  while (phase(k + 1) - ms < ms - phase(k)) k++;
  while (ms - phase(k - 1) < phase(k) - ms) k--;
  return k;
}

/** The Moon's argument of latitude F at phase `k`, radians (for its ecliptic latitude). */
export function latitudeArgument(k: number): number {
  const T = k / 1236.85;
  return (160.7108 + 390.67050284 * k - 0.0016118 * T * T) * RAD;
}
