//! Work on every core with results in input order: the CPU-bound stages (decoding,
//! extraction) run on worker threads while one caller thread writes, so output and stored
//! order never depend on scheduling.

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many items the callers hand over at once: bounds memory (decoded documents in flight)
/// while giving every worker enough to do.
pub const CHUNK: usize = 64;

/// Worker threads: `LEAKWATCH_THREADS` when set to a positive number, else every core.
pub fn workers() -> usize {
    std::env::var("LEAKWATCH_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// `items.iter().map(f).collect()`, computed on up to `workers()` threads; results in input
/// order. A panic in `f` is re-raised here.
pub fn map_ordered<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = workers().min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let parts: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    let mut slots: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    for (i, r) in parts.into_iter().flatten() {
        if let Some(slot) = slots.get_mut(i) {
            *slot = Some(r);
        }
    }
    slots.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_input_order_on_many_threads() {
        let items: Vec<u64> = (0..1000).collect();
        let out = map_ordered(&items, |n| {
            // Uneven work so threads finish out of order.
            (0..(n % 7) * 1000).fold(*n, |a, b| a.wrapping_add(b % 3))
                - (0..(n % 7) * 1000).map(|b| b % 3).sum::<u64>()
        });
        assert_eq!(out, items);
        assert!(map_ordered(&Vec::<u8>::new(), |b| *b).is_empty());
    }
}
