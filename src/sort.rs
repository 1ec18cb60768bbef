//! Stable sorting by a two-part key through one shared sort.
//!
//! Every `sort_by_key` / `sort_by` call of the standard library is a separate copy of the
//! whole sort (driftsort, its quicksort, merges and small sorts: 5–9 KB of wasm each) for
//! its element type and key. The stable sorts of the crate's own structs (quotes,
//! mentions, claim pieces, conflicts, warnings) go through here instead: their keys are
//! two `usize`s, sorted with the element's index as the last component, so that one
//! `sort_unstable` of `(usize, usize, usize)` serves them all (the same instance as the
//! other sorts of such triples in the crate) and the order is the stable one: elements
//! with equal keys keep their order. Lists that come as a few ordered runs, as most do,
//! are merged instead of sorted. The keys are `usize`s, as the offsets and indexes they
//! hold, so nothing is narrowed and the order is the same for any input size. Strings
//! (the claims' symbols) are put in order through the same sort too ([`byte_order`]).

/// The stable sorting permutation of `v` by `key`: `order[k]` is the index of the
/// element that goes to position `k` (as `slice::sort_by_key` with this key would move).
pub(crate) fn order<T>(v: &[T], key: impl Fn(&T) -> (usize, usize)) -> Vec<usize> {
    sorted_indexes(
        v.iter()
            .enumerate()
            .map(|(i, x)| {
                let (a, b) = key(x);
                (a, b, i)
            })
            .collect(),
    )
}

/// A key and the index of its element.
type Keyed = (usize, usize, usize);

/// Up to this many ordered runs are merged; more are sorted.
const MAX_RUNS: usize = 32;

/// The indexes (last components) of `keyed` in key order; not generic, so one copy.
fn sorted_indexes(mut keyed: Vec<Keyed>) -> Vec<usize> {
    // most lists sorted here come as a few ordered runs (pushed by passes over the text,
    // e.g. claim pieces: the attributions' contents, then the narrator's sentences):
    // those are merged, a pass per doubling of the runs, which keeps them as cheap as in
    // the standard library's stable sort (it finds runs too); the triples are distinct
    // (the index), so `<` decides every pair
    let ordered = |w: &[Keyed]| matches!(w, [a, b] if a < b);
    let mut bounds: Vec<usize> = std::iter::once(0)
        .chain(
            keyed
                .windows(2)
                .enumerate()
                .filter(|(_, w)| !ordered(w))
                .map(|(i, _)| i + 1),
        )
        .collect();
    if bounds.len() > MAX_RUNS {
        keyed.sort_unstable();
    } else {
        bounds.push(keyed.len());
        let mut buf: Vec<Keyed> = Vec::with_capacity(keyed.len());
        while bounds.len() > 2 {
            buf.clear();
            let mut merged = vec![0];
            for w in bounds.windows(3).step_by(2) {
                if let [lo, mid, hi] = *w {
                    let left = keyed.get(lo..mid).unwrap_or(&[]);
                    merge_into(&mut buf, left, keyed.get(mid..hi).unwrap_or(&[]));
                    merged.push(hi);
                }
            }
            // an odd run out stays as it is
            if bounds.len().is_multiple_of(2) {
                if let Some(rest) = bounds.get(bounds.len() - 2).and_then(|&lo| keyed.get(lo..)) {
                    buf.extend_from_slice(rest);
                    merged.push(keyed.len());
                }
            }
            std::mem::swap(&mut keyed, &mut buf);
            bounds = merged;
        }
    }
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

/// Appends two ordered runs of distinct triples to `out`, merged in order.
fn merge_into(out: &mut Vec<Keyed>, left: &[Keyed], right: &[Keyed]) {
    let (mut l, mut r) = (left.iter().peekable(), right.iter().peekable());
    loop {
        let next = match (l.peek(), r.peek()) {
            (Some(a), Some(b)) if a < b => l.next(),
            (Some(_), Some(_)) | (None, Some(_)) => r.next(),
            (Some(_), None) => l.next(),
            (None, None) => break,
        };
        out.extend(next);
    }
}

/// Reorders `v` in place so that position `k` holds the element that was at `order[k]`.
///
/// `order` must be a permutation of `0..v.len()` (as [`order`] returns); otherwise `v`
/// ends in some other order of its own elements (never a panic). `order` is used up as
/// scratch space.
pub(crate) fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len().min(v.len()) {
        // follow the cycle through `start`; each step fills `at` from `from`, and marks
        // `at` done (order[at] = at) so that later cycles stop there
        let mut at = start;
        while let Some(from) = order.get_mut(at).map(|x| std::mem::replace(x, at)) {
            if from == start || from == at || from >= v.len() {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

/// Sorts `v` stably by `key`: the same order as `v.sort_by_key(key)`.
pub(crate) fn sort_by_key<T>(v: &mut [T], key: impl Fn(&T) -> (usize, usize)) {
    let order = order(v, key);
    permute(v, order);
}

/// The indexes of `strs` in the byte order of the strings (as `str`'s `Ord`); equal
/// strings by index.
///
/// Through the same sort of `(usize, usize, usize)` triples as the rest: the strings are
/// sorted by their first two machine words (big-endian, zero-padded: the same order as
/// the strings where they differ within them), then each run of ties by the next two
/// words, and so on; strings that tie to their ends differ only by trailing NUL bytes
/// (or not at all), and go shorter first.
pub(crate) fn byte_order<S: AsRef<str>>(strs: &[S]) -> Vec<usize> {
    const W: usize = std::mem::size_of::<usize>();
    let all: Vec<&[u8]> = strs.iter().map(|s| s.as_ref().as_bytes()).collect();
    let bytes = |i: usize| all.get(i).copied().unwrap_or_default();
    // the two words from byte `at` of string `i`
    let words = |i: usize, at: usize| {
        let mut buf = [0u8; 2 * W];
        let tail = bytes(i).get(at..).unwrap_or_default();
        let n = tail.len().min(2 * W);
        if let (Some(d), Some(s)) = (buf.get_mut(..n), tail.get(..n)) {
            d.copy_from_slice(s);
        }
        let word = |c: Option<&[u8; W]>| usize::from_be_bytes(c.copied().unwrap_or_default());
        (word(buf.first_chunk()), word(buf.last_chunk()))
    };
    let mut keyed: Vec<Keyed> = (0..strs.len())
        .map(|i| {
            let (a, b) = words(i, 0);
            (a, b, i)
        })
        .collect();
    // runs left to order: (start, end, the byte up to which their strings agree)
    let mut todo = vec![(0, keyed.len(), 0)];
    while let Some((lo, hi, at)) = todo.pop() {
        let Some(run) = keyed.get_mut(lo..hi) else {
            continue;
        };
        // (keyed by the first words above)
        if at > 0 {
            for k in run.iter_mut() {
                let (a, b) = words(k.2, at);
                *k = (a, b, k.2);
            }
        }
        run.sort_unstable();
        let (next, mut start) = (at + 2 * W, lo);
        for tie in run.chunk_by_mut(|x, y| (x.0, x.1) == (y.0, y.1)) {
            if tie.len() > 1 {
                if tie.iter().all(|k| bytes(k.2).len() <= next) {
                    for k in tie.iter_mut() {
                        *k = (bytes(k.2).len(), 0, k.2);
                    }
                    tie.sort_unstable();
                } else {
                    todo.push((start, start + tie.len(), next));
                }
            }
            start += tie.len();
        }
    }
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

/// Lists up to this long are sorted in place by [`sort_short_by_key`].
const SHORT: usize = 24;

/// Sorts `v` stably by `key`, as `v.sort_by_key(key)`: in place by insertion when it is
/// short (a claim's keys, per claim: no allocation, and as fast as the standard library,
/// which sorts short lists the same way), through [`sort_by_key`] when not.
pub(crate) fn sort_short_by_key<T>(v: &mut [T], key: impl Fn(&T) -> usize) {
    if v.len() > SHORT {
        sort_by_key(v, |x| (key(x), 0));
        return;
    }
    for i in 1..v.len() {
        // move the element at `i` back past the greater ones before it
        let mut j = i;
        while j > 0 {
            match v.get(j - 1..=j) {
                Some([a, b]) if key(a) > key(b) => v.swap(j - 1, j),
                _ => break,
            }
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn empty_and_one() {
        let mut v: Vec<(usize, char)> = Vec::new();
        sort_by_key(&mut v, |&(k, _)| (k, 0));
        assert!(v.is_empty());
        let mut v = vec![(3, 'a')];
        sort_by_key(&mut v, |&(k, _)| (k, 0));
        assert_eq!(v, [(3, 'a')]);
    }

    #[test]
    fn stable_on_ties() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_by_key(&mut v, |&(k, _)| (k, 0));
        assert_eq!(v, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
        assert_eq!(order(&[5, 5, 4], |&x| (x, 0)), [2, 0, 1]);
    }

    #[test]
    fn second_component_and_extremes() {
        let mut v = vec![
            (usize::MAX, 0),
            (0, usize::MAX),
            (0, 0),
            (usize::MAX, usize::MAX),
        ];
        sort_by_key(&mut v, |&k| k);
        assert_eq!(
            v,
            [
                (0, 0),
                (0, usize::MAX),
                (usize::MAX, 0),
                (usize::MAX, usize::MAX)
            ]
        );
    }

    #[test]
    fn in_order_and_two_runs() {
        assert_eq!(order(&[1, 2, 3, 3], |&x| (x, 0)), [0, 1, 2, 3]);
        assert_eq!(order(&[1, 4, 6, 2, 3, 5], |&x| (x, 0)), [0, 3, 4, 1, 5, 2]);
        assert_eq!(order(&[2, 2, 1, 2], |&x| (x, 0)), [2, 0, 1, 3]);
        assert_eq!(order(&[3, 1, 2, 0], |&x| (x, 0)), [3, 1, 2, 0]);
    }

    #[test]
    fn permute_ignores_a_bad_order() {
        // not a permutation: no panic, and the elements are all still there
        let mut v = vec!['a', 'b', 'c'];
        permute(&mut v, vec![7, 0, 0, 1]);
        let mut s = v.clone();
        s.sort_unstable();
        assert_eq!(s, ['a', 'b', 'c']);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The same order as the standard library's stable sort, ties included.
        #[test]
        fn sorts_like_std(v in proptest::collection::vec((0usize..6, 0usize..4, any::<u16>()), 0..200)) {
            let mut got = v.clone();
            sort_by_key(&mut got, |&(a, b, _)| (a, b));
            let mut want = v.clone();
            want.sort_by_key(|&(a, b, _)| (a, b));
            prop_assert_eq!(&got, &want);
            let o = order(&v, |&(a, b, _)| (a, b));
            let via_order: Vec<_> = o.iter().map(|&i| v[i]).collect();
            prop_assert_eq!(&via_order, &want);
        }

        /// Strings in byte order as `str` sorts them, with long shared prefixes and NULs.
        #[test]
        fn byte_order_like_std(v in proptest::collection::vec(
            proptest::collection::vec(prop::sample::select(vec!["a", "b", "\0", "é", "ab", "abcdefgh"]), 0..12),
            0..60)) {
            let strs: Vec<String> = v.iter().map(|p| p.concat()).collect();
            let got: Vec<&str> = byte_order(&strs).iter().map(|&i| strs[i].as_str()).collect();
            let mut want: Vec<&str> = strs.iter().map(String::as_str).collect();
            want.sort();
            prop_assert_eq!(got, want);
        }

        /// The short sort too, short or long.
        #[test]
        fn short_sort_like_std(v in proptest::collection::vec((0usize..8, any::<u16>()), 0..40)) {
            let mut got = v.clone();
            sort_short_by_key(&mut got, |&(k, _)| k);
            let mut want = v;
            want.sort_by_key(|&(k, _)| k);
            prop_assert_eq!(got, want);
        }

        /// The same on two ordered runs (the merge).
        #[test]
        fn two_runs_like_std(mut a in proptest::collection::vec(0usize..20, 0..40),
                             mut b in proptest::collection::vec(0usize..20, 0..40)) {
            a.sort_unstable();
            b.sort_unstable();
            let v: Vec<(usize, usize)> = a.into_iter().chain(b).enumerate().map(|(i, x)| (x, i)).collect();
            let mut got = v.clone();
            sort_by_key(&mut got, |&(x, _)| (x, 0));
            let mut want = v;
            want.sort_by_key(|&(x, _)| x);
            prop_assert_eq!(got, want);
        }
    }
}
