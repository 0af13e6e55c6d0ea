//! How long a run of wrong credentials makes the next sign-in wait. A six-digit PIN has a
//! million values: four free tries, then a wait that doubles with every further miss (capped at
//! a quarter of an hour, so a forgetful person is slowed, not locked out for the day), keeps
//! guessing at a few dozen tries an hour.

use std::time::Duration;

/// Misses allowed before any wait.
pub const FREE_ATTEMPTS: u32 = 4;
const FIRST_WAIT_SECS: u64 = 30;
const LONGEST_WAIT_SECS: u64 = 15 * 60;

/// The wait before the next attempt after `failures` consecutive misses.
#[must_use]
pub fn wait_after_failures(failures: u32) -> Duration {
    if failures <= FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let doublings = (failures - FREE_ATTEMPTS - 1).min(10);
    Duration::from_secs((FIRST_WAIT_SECS << doublings).min(LONGEST_WAIT_SECS))
}

#[cfg(test)]
mod tests {
    use super::wait_after_failures;
    use std::time::Duration;

    #[test]
    fn free_tries_then_doubling_waits_capped_at_fifteen_minutes() {
        let cases = [
            (0, 0),
            (1, 0),
            (4, 0),
            (5, 30),
            (6, 60),
            (7, 120),
            (9, 480),
            (10, 900),
            (11, 900),
            (u32::MAX, 900),
        ];
        for (failures, secs) in cases {
            assert_eq!(
                wait_after_failures(failures),
                Duration::from_secs(secs),
                "{failures}"
            );
        }
    }
}
