//! SVG coordinates written fast: pages draw hundreds of points (a team page's sparklines, a
//! plan's chart), and formatting floats with `format!` was most of their cost.

/// SVG `points`: "x,y x,y ...", written into one string (lists draw hundreds of points per page).
pub fn point_list(coordinates: impl Iterator<Item = (f64, f64)>) -> String {
    let mut list = String::new();
    for (x, y) in coordinates {
        if !list.is_empty() {
            list.push(' ');
        }
        push_tenths(&mut list, x);
        list.push(',');
        push_tenths(&mut list, y);
    }
    list
}

/// An SVG coordinate to one decimal place. Rounds through an integer because formatting a float
/// with a precision is slow, and pages draw hundreds of points.
#[cfg(test)]
pub fn tenths(value: f64) -> String {
    let mut text = String::new();
    push_tenths(&mut text, value);
    text
}

/// Appends [`tenths`] of `value` to `text`. Digits are written without `format!`, which took
/// most of the time of drawing a team page's sparklines.
pub fn push_tenths(text: &mut String, value: f64) {
    let tenths = (value * 10.0).round() as i64;
    if tenths < 0 {
        text.push('-');
    }
    let tenths = tenths.unsigned_abs();
    text.push_str(itoa::Buffer::new().format(tenths / 10));
    text.push('.');
    text.push(char::from(b'0' + (tenths % 10) as u8));
}

#[cfg(test)]
mod tests {
    use super::{point_list, tenths};

    #[test]
    fn coordinates_round_to_one_decimal_place() {
        assert_eq!(tenths(2.0), "2.0");
        assert_eq!(tenths(14.04), "14.0");
        assert_eq!(tenths(14.06), "14.1");
        assert_eq!(tenths(-0.35), "-0.4");
        assert_eq!(tenths(-6.0), "-6.0");
        assert_eq!(tenths(-0.04), "0.0");
        assert_eq!(tenths(1234.56), "1234.6");
        assert_eq!(tenths(82.0 / 3.0), "27.3");
    }

    #[test]
    fn point_lists_separate_pairs_with_spaces() {
        assert_eq!(point_list([(2.0, 18.0), (42.0, 2.04), (-1.25, 0.0)].into_iter()), "2.0,18.0 42.0,2.0 -1.3,0.0");
        assert_eq!(point_list(std::iter::empty()), "");
    }
}
