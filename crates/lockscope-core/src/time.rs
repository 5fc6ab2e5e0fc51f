//! UTC dates as Nix prints them (`std::gmtime` + `%F %T`), calendar days, and ages in words.

/// `YYYY-MM-DD HH:MM:SS` in UTC.
pub fn utc_datetime(secs: i64) -> String {
    let (date, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    format!(
        "{} {:02}:{:02}:{:02}",
        date_of_day(date),
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// `YYYY-MM-DD` in UTC.
pub fn utc_date(secs: i64) -> String {
    date_of_day(secs.div_euclid(86_400))
}

/// The day (counted from 1970-01-01) a time in Unix seconds falls on, in UTC.
pub fn day_of(secs: i64) -> i64 {
    secs.div_euclid(86_400)
}

/// Unix seconds of an RFC 3339 time as forge APIs write them: `2026-12-01T10:00:00Z`,
/// `2026-12-01T10:00:00.123+01:00`. `None` for anything else.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let (date, time) = text.split_once(['T', 't', ' '])?;
    let mut ymd = date.splitn(3, '-');
    let year: i64 = digits(ymd.next()?, 4)?;
    let month = u32::try_from(digits(ymd.next()?, 2)?).ok()?;
    let day = u32::try_from(digits(ymd.next()?, 2)?).ok()?;
    if !(1..=12).contains(&month) || day == 0 || day > 31 {
        return None;
    }
    // The offset: `Z`, or a sign and `HH:MM`, after the clock and its fraction.
    let at = time.find(['Z', 'z', '+', '-'])?;
    let (clock, offset) = (time.get(..at)?, time.get(at..)?);
    let offset_secs = match offset {
        "Z" | "z" => 0,
        _ => {
            let sign = if offset.starts_with('-') { -1 } else { 1 };
            let (hours, minutes) = offset.get(1..)?.split_once(':')?;
            sign * (digits(hours, 2)? * 3600 + digits(minutes, 2)? * 60)
        }
    };
    let clock = clock.split_once('.').map_or(clock, |(whole, _)| whole);
    let mut hms = clock.splitn(3, ':');
    let (h, m, s) = (
        digits(hms.next()?, 2)?,
        digits(hms.next()?, 2)?,
        digits(hms.next()?, 2)?,
    );
    if h > 23 || m > 59 || s > 60 {
        return None;
    }
    Some(day_of_date(year, month, day) * 86_400 + h * 3600 + m * 60 + s - offset_secs)
}

/// A number of exactly `len` ASCII digits.
fn digits(text: &str, len: usize) -> Option<i64> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// Howard Hinnant's days-from-civil: the day since 1970-01-01 of a proleptic Gregorian date.
pub fn day_of_date(year: i64, month: u32, day: u32) -> i64 {
    let y = year - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The last day of a month, counted from 1970-01-01.
pub fn last_day_of_month(year: i64, month: u32) -> i64 {
    match month {
        12 => day_of_date(year + 1, 1, 1) - 1,
        _ => day_of_date(year, month + 1, 1) - 1,
    }
}

/// `YYYY-MM-DD` of a day since 1970-01-01.
pub fn date_of_day(days: i64) -> String {
    let (year, month, day) = civil_of_day(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Howard Hinnant's civil-from-days: the proleptic Gregorian (year, month, day) of a day
/// since 1970-01-01.
pub fn civil_of_day(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both are in range by construction: 1..=31 and 1..=12.
    (year, month as u32, day as u32)
}

/// A duration in the largest whole unit a person would say: "5 minutes", "3 days", "2 years".
pub fn age_in_words(secs: i64) -> String {
    const UNITS: [(i64, &str); 6] = [
        (365 * 86_400, "year"),
        (30 * 86_400, "month"),
        (7 * 86_400, "week"),
        (86_400, "day"),
        (3600, "hour"),
        (60, "minute"),
    ];
    if secs < 0 {
        return "in the future".into();
    }
    for (unit, name) in UNITS {
        let n = secs / unit;
        if n >= 1 {
            return crate::text::count(n, name);
        }
    }
    "less than a minute".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_leap_days() {
        assert_eq!(utc_datetime(0), "1970-01-01 00:00:00");
        assert_eq!(utc_datetime(951_782_400), "2000-02-29 00:00:00");
        assert_eq!(utc_datetime(1_785_747_939), "2026-08-03 09:05:39");
        assert_eq!(utc_date(-1), "1969-12-31");
    }

    #[test]
    fn forge_api_times() {
        assert_eq!(parse_rfc3339("2026-08-03T09:05:39Z"), Some(1_785_747_939));
        // GitLab: a fraction and an offset; Gitea: an offset.
        assert_eq!(
            parse_rfc3339("2026-08-03T11:05:39.000+02:00"),
            Some(1_785_747_939)
        );
        assert_eq!(
            parse_rfc3339("2026-08-03T04:05:39-05:00"),
            Some(1_785_747_939)
        );
        for bad in [
            "",
            "2026-08-03",
            "2026-08-03T09:05:39",
            "2026-13-03T09:05:39Z",
            "2026-08-03T25:05:39Z",
            "2026-8-03T09:05:39Z",
            "２０２６-08-03T09:05:39Z",
            "2026-08-03T09:05:39+0200",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_and_dates_round_trip() {
        assert_eq!(day_of_date(1970, 1, 1), 0);
        assert_eq!(date_of_day(day_of_date(2000, 2, 29)), "2000-02-29");
        assert_eq!(date_of_day(last_day_of_month(2026, 2)), "2026-02-28");
        assert_eq!(date_of_day(last_day_of_month(2028, 2)), "2028-02-29");
        assert_eq!(date_of_day(last_day_of_month(2026, 12)), "2026-12-31");
        assert_eq!(day_of(1_785_747_939), day_of_date(2026, 8, 3));
        for day in -800..800 {
            let date = date_of_day(day * 47);
            let [y, m, d]: [i64; 3] = date
                .split('-')
                .map(|part| part.parse().unwrap())
                .collect::<Vec<_>>()
                .try_into()
                .unwrap();
            assert_eq!(day_of_date(y, m as u32, d as u32), day * 47);
        }
    }

    #[test]
    fn ages() {
        assert_eq!(age_in_words(30), "less than a minute");
        assert_eq!(age_in_words(3 * 86_400 + 5), "3 days");
        assert_eq!(age_in_words(400 * 86_400), "1 year");
        assert_eq!(age_in_words(-5), "in the future");
    }
}
