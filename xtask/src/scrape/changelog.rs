//! Version, release date and changelog, from the first entry under "Recent changes".

use super::extract::RawEntry;

/// What the newest "Recent changes" entry says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Release {
    pub(crate) version: String,
    pub(crate) date: String,
    pub(crate) changelog: String,
}

/// Reads the newest entry: its heading is the date, its blocks the changelog, which starts with
/// "**Bot API X.Y**".
pub(crate) fn parse_release(entry: &RawEntry) -> Result<Release, String> {
    let date = iso_date(&entry.title)?;
    let changelog = entry
        .blocks
        .iter()
        .map(|b| b.markdown())
        .collect::<Vec<_>>()
        .join("\n\n");
    let version = version(&changelog).ok_or_else(|| {
        format!(
            "the changelog of {} does not name the version: expected \"**Bot API X.Y**\"",
            entry.title
        )
    })?;
    Ok(Release {
        version,
        date,
        changelog,
    })
}

/// "June 11, 2026" -> "2026-06-11".
pub(crate) fn iso_date(text: &str) -> Result<String, String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let bad = || format!("cannot read the date `{text}`: expected \"Month D, YYYY\"");
    let (month, rest) = text.trim().split_once(' ').ok_or_else(bad)?;
    let (day, year) = rest.split_once(", ").ok_or_else(bad)?;
    let month = MONTHS.iter().position(|m| *m == month).ok_or_else(bad)? + 1;
    let day: u32 = day.trim().parse().map_err(|_| bad())?;
    let year: u32 = year.trim().parse().map_err(|_| bad())?;
    if !(1..=31).contains(&day) || year < 1000 {
        return Err(bad());
    }
    Ok(format!("{year:04}-{month:02}-{day:02}"))
}

/// "X.Y" from the first "**Bot API X.Y**".
pub(crate) fn version(changelog: &str) -> Option<String> {
    let start = changelog.find("**Bot API ")? + "**Bot API ".len();
    let rest = &changelog[start..];
    let end = rest.find("**")?;
    let version = rest[..end].trim();
    let valid = !version.is_empty()
        && version
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    valid.then(|| version.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::extract::RawBlock;
    use super::*;

    #[test]
    fn converts_dates() {
        assert_eq!(iso_date("June 11, 2026").unwrap(), "2026-06-11");
        assert_eq!(iso_date("November 4, 2020").unwrap(), "2020-11-04");
        for bad in [
            "Juni 11, 2026",
            "June 11 2026",
            "June 32, 2026",
            "June x, 2026",
            "",
        ] {
            assert!(iso_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn finds_the_version() {
        assert_eq!(version("**Bot API 10.1**\n\n**Rich**").as_deref(), Some("10.1"));
        assert_eq!(version("intro **Bot API 5.3** more").as_deref(), Some("5.3"));
        assert_eq!(version("**Bot API next**"), None);
        assert_eq!(version("Bot API 5.3"), None);
    }

    #[test]
    fn reads_the_newest_entry() {
        let entry = RawEntry {
            title: "June 11, 2026".into(),
            anchor: "june-11-2026".into(),
            blocks: vec![
                RawBlock::Text("**Bot API 10.1**".into()),
                RawBlock::List {
                    ordered: false,
                    items: vec!["Added [X](#x).".into()],
                },
            ],
        };
        assert_eq!(
            parse_release(&entry).unwrap(),
            Release {
                version: "10.1".into(),
                date: "2026-06-11".into(),
                changelog: "**Bot API 10.1**\n\n- Added [X](#x).".into(),
            }
        );
        let entry = RawEntry {
            blocks: vec![RawBlock::Text("Nothing".into())],
            ..entry
        };
        assert!(
            parse_release(&entry)
                .unwrap_err()
                .contains("does not name the version")
        );
    }
}
