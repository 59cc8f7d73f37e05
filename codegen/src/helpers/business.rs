//! Business opening hours read as weekdays and times (python-telegram-bot's
//! `BusinessOpeningHoursInterval.opening_time` and `BusinessOpeningHours.is_open`).
//!
//! Minutes count from Monday 00:00 in the business's time zone (`time_zone_name`); converting
//! an instant into that zone needs a time zone database, which this crate leaves to the caller
//! (e.g. `chrono-tz`), so the helpers take the minute of the week.

use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn business() -> TokenStream {
    quote! {
        /// Minutes in a day and in a week.
        const DAY: i64 = 24 * 60;
        const WEEK: i64 = 7 * DAY;

        /// `(weekday, hour, minute)` of a minute of the week; weekday 0 is Monday.
        fn week_time(minute: i64) -> (i64, i64, i64) {
            let minute = minute.rem_euclid(WEEK);
            (minute / DAY, minute % DAY / 60, minute % 60)
        }

        impl BusinessOpeningHoursInterval {
            /// When the business opens: `(weekday, hour, minute)`, weekday 0 being Monday.
            pub fn opening_time(&self) -> (i64, i64, i64) {
                week_time(self.opening_minute)
            }

            /// When the business closes: `(weekday, hour, minute)`, weekday 0 being Monday
            /// (an interval may close on a later day than it opens).
            pub fn closing_time(&self) -> (i64, i64, i64) {
                week_time(self.closing_minute)
            }
        }

        impl BusinessOpeningHours {
            /// Whether the business is open at `minute_of_week` (0 is Monday 00:00 in
            /// `time_zone_name`; values outside one week wrap around).
            pub fn is_open_at(&self, minute_of_week: i64) -> bool {
                let minute = minute_of_week.rem_euclid(WEEK);
                // Intervals may run past the end of the week (up to 8 * 24 * 60): check the
                // same minute one week later too.
                self.opening_hours.iter().any(|i| {
                    (i.opening_minute..i.closing_minute).contains(&minute)
                        || (i.opening_minute..i.closing_minute).contains(&(minute + WEEK))
                })
            }

            /// The opening hours on `weekday` (0 is Monday), as `(opening, closing)` minutes of
            /// that day, intervals clipped to the day (closing `1440` is midnight at its end).
            pub fn opening_hours_for_day(&self, weekday: i64) -> Vec<(i64, i64)> {
                let start = weekday.rem_euclid(7) * DAY;
                let mut hours: Vec<(i64, i64)> = self
                    .opening_hours
                    .iter()
                    .flat_map(|i| [(i.opening_minute, i.closing_minute), (i.opening_minute - WEEK, i.closing_minute - WEEK)])
                    .filter_map(|(open, close)| {
                        let (open, close) = (open.max(start), close.min(start + DAY));
                        (open < close).then_some((open - start, close - start))
                    })
                    .collect();
                hours.sort_unstable();
                hours
            }
        }
    }
}
