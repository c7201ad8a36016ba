/**
 * The calendar: turns the rulebook (`@tenggat/core/regulation`), the organisation and the
 * meetings held into dated obligation instances, and instances into reminder dates on working
 * days. Every date is a local date in Asia/Pontianak (`@tenggat/core/date`).
 */
export {
  create as holidays,
  ESTIMATED_YEARS,
  estimated,
  type HolidayList,
  type HolidaySource,
  type Holidays,
  SHIPPED,
} from "./holidays.ts";
export * as Calendar from "./index.ts";
export {
  byDue,
  type Context,
  Held,
  holidaysFor,
  Instance,
  Instance as Info,
  list,
  MAX_YEARS,
  MeetingObligation,
  Query,
} from "./instances.ts";
export { planPeriods, type RollingWindow, rollingWindows, type Slot } from "./periods.ts";
export {
  Reminder,
  type ReminderOptions,
  reminders,
  remindersOn,
  Stage,
  type Subject,
} from "./reminders.ts";
