//! Axis ticks and scales: plain numbers, unit-tested.

/// Round axis ticks from 0: the step is 1, 2 or 5 times a power of ten and
/// the last tick is the first multiple of the step at or above the maximum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticks {
    pub step: u64,
    pub values: Vec<u64>,
}

impl Ticks {
    /// The top of the axis (the last tick).
    pub fn top(&self) -> u64 {
        self.values.last().copied().unwrap_or(1).max(1)
    }
}

/// About `count` intervals of round ticks covering `0..=max`: of the steps
/// 1, 2 or 5 times a power of ten, the one whose interval count is nearest
/// `count` (the larger step on a tie).
pub fn nice_ticks(max: u64, count: u64) -> Ticks {
    let count = count.max(1);
    if max == 0 {
        return Ticks { step: 1, values: vec![0, 1] };
    }
    let raw = max.div_ceil(count).max(1);
    let mut magnitude = 1u64;
    while magnitude.saturating_mul(10) <= raw {
        magnitude *= 10;
    }
    let intervals = |step: u64| max.div_ceil(step).max(1);
    let candidates = [magnitude / 2, magnitude, 2 * magnitude, 5 * magnitude, 10 * magnitude];
    let step = candidates
        .into_iter()
        .filter(|s| *s > 0 && [1, 2, 5].contains(&leading(*s)))
        .min_by_key(|s| (intervals(*s).abs_diff(count), std::cmp::Reverse(*s)))
        .unwrap_or(magnitude);
    let top = intervals(step) * step;
    Ticks { step, values: (0..=top / step).map(|i| i * step).collect() }
}

/// The leading digit of a round number (5 for 500).
fn leading(mut n: u64) -> u64 {
    while n >= 10 && n.is_multiple_of(10) {
        n /= 10;
    }
    n
}

/// `value` scaled from `0..=top` to `0..=length`.
pub fn scale(value: u64, top: u64, length: f64) -> f64 {
    if top == 0 { 0.0 } else { value.min(top) as f64 / top as f64 * length }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        assert_eq!(nice_ticks(84, 4).values, vec![0, 20, 40, 60, 80, 100]);
        assert_eq!(nice_ticks(605, 4).values, vec![0, 200, 400, 600, 800]);
        assert_eq!(nice_ticks(210, 4).values, vec![0, 100, 200, 300]);
        assert_eq!(nice_ticks(0, 4).values, vec![0, 1]);
        assert_eq!(nice_ticks(3, 4).values, vec![0, 1, 2, 3]);
    }

    #[test]
    fn scales() {
        assert_eq!(scale(50, 100, 200.0), 100.0);
        assert_eq!(scale(5, 0, 200.0), 0.0);
        assert_eq!(scale(500, 100, 200.0), 200.0);
    }

    proptest! {
        #[test]
        fn ticks_are_round_and_cover(max in 0u64..10_000_000_000, count in 1u64..8) {
            let t = nice_ticks(max, count);
            let mut m = t.step;
            while m.is_multiple_of(10) { m /= 10; }
            prop_assert!(m == 1 || m == 2 || m == 5, "step {}", t.step);
            prop_assert_eq!(t.values[0], 0);
            prop_assert!(t.top() >= max);
            prop_assert!(t.values.windows(2).all(|w| w[1] - w[0] == t.step));
            // Never more than twice the ticks asked for (plus the zero).
            prop_assert!(t.values.len() as u64 <= 2 * count + 2);
        }
    }
}
