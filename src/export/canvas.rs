//! One drawing surface for both formats: a PNG pixel buffer (through plotters' bitmap
//! backend) or an SVG document written here. The charts draw paths, shapes and text on it
//! directly, so both formats get the same strokes: each series one path with a real dash
//! pattern and round joins, and text set on its baseline in the bundled font.

use std::fmt::Write as _;

use plotters::prelude::{BitMapBackend, DrawingBackend, RGBColor};
use plotters::style::text_anchor::{HPos, VPos};
use plotters_backend::BackendColor;

use super::font::{self, CAP, DESCENT, FAMILY};

/// A colour with its opacity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paint {
    pub rgb: RGBColor,
    pub alpha: f64,
}

impl Paint {
    pub const fn solid(rgb: RGBColor) -> Paint {
        Paint { rgb, alpha: 1.0 }
    }
    pub fn alpha(self, alpha: f64) -> Paint {
        Paint { alpha, ..self }
    }
}

/// How a path is stroked: width in px, and a dash and gap in px (none for a solid line).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub paint: Paint,
    pub width: f64,
    pub dash: Option<(f64, f64)>,
}

/// A line of text: where its anchor is, how it aligns there, its size in px (em) and weight.
#[derive(Clone)]
pub struct Label {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub em: f64,
    pub paint: Paint,
    pub h: HPos,
    pub v: VPos,
    pub bold: bool,
    /// A quarter turn anticlockwise about the anchor (a vertical axis title).
    pub vertical: bool,
}

impl Label {
    pub fn new(text: impl Into<String>, (x, y): (f64, f64), em: f64, paint: Paint) -> Label {
        Label {
            text: font::drawable(&text.into()),
            x,
            y,
            em,
            paint,
            h: HPos::Left,
            v: VPos::Top,
            bold: false,
            vertical: false,
        }
    }
    pub fn align(mut self, h: HPos, v: VPos) -> Label {
        self.h = h;
        self.v = v;
        self
    }
    pub fn bold(mut self) -> Label {
        self.bold = true;
        self
    }
    /// Its advance in the face that draws it.
    pub fn width(&self) -> f64 {
        font::advance_of(&self.text, self.em, self.bold)
    }
    /// Where the text starts along its line and where its baseline is.
    pub fn origin(&self) -> (f64, f64) {
        let w = self.width();
        let along = match self.h {
            HPos::Left => 0.0,
            HPos::Center => -w / 2.0,
            HPos::Right => -w,
        };
        let down = match self.v {
            VPos::Top => CAP * self.em,
            VPos::Center => CAP * self.em / 2.0,
            VPos::Bottom => -DESCENT * self.em,
        };
        if self.vertical {
            (self.x + down, self.y - along)
        } else {
            (self.x + along, self.y + down)
        }
    }
    /// The box the text covers on the page: left, top, right, bottom.
    pub fn bounds(&self) -> [f64; 4] {
        let (ox, oy) = self.origin();
        let w = self.width();
        let (up, down) = (CAP * self.em, DESCENT * self.em);
        if self.vertical {
            [ox - up, oy - w, ox + down, oy]
        } else {
            [ox, oy - up, ox + w, oy + down]
        }
    }
}

pub enum Canvas<'a> {
    Png(BitMapBackend<'a>),
    Svg {
        out: &'a mut String,
        size: (u32, u32),
        closed: bool,
    },
}

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

fn paint_attr(kind: &str, p: Paint) -> String {
    if p.alpha >= 1.0 {
        format!("{kind}=\"{}\"", hex(p.rgb))
    } else {
        format!(
            "{kind}=\"{}\" {kind}-opacity=\"{:.3}\"",
            hex(p.rgb),
            p.alpha
        )
    }
}

/// Text as XML: entities, and control characters (invalid in XML 1.0) shown as escapes.
fn escape(s: &str) -> String {
    crate::sanitize::xml(s)
}

fn backend_colour(p: Paint) -> BackendColor {
    BackendColor {
        alpha: p.alpha,
        rgb: (p.rgb.0, p.rgb.1, p.rgb.2),
    }
}

type Res = Result<(), String>;

impl<'a> Canvas<'a> {
    pub fn png(buf: &'a mut [u8], size: (u32, u32)) -> Canvas<'a> {
        Canvas::Png(BitMapBackend::with_buffer(buf, size))
    }

    /// An SVG document of `size` written into `out`; [`Canvas::finish`] closes it.
    pub fn svg(out: &'a mut String, size: (u32, u32)) -> Canvas<'a> {
        let _ = writeln!(
            out,
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
             xmlns=\"http://www.w3.org/2000/svg\">",
            w = size.0,
            h = size.1
        );
        Canvas::Svg {
            out,
            size,
            closed: false,
        }
    }

    pub fn finish(&mut self) -> Res {
        match self {
            Canvas::Png(b) => b.present().map_err(|e| e.to_string()),
            Canvas::Svg { out, closed, .. } => {
                if !*closed {
                    out.push_str("</svg>\n");
                    *closed = true;
                }
                Ok(())
            }
        }
    }

    pub fn size(&self) -> (u32, u32) {
        match self {
            Canvas::Png(b) => b.get_size(),
            Canvas::Svg { size, .. } => *size,
        }
    }

    /// A filled rectangle between two corners.
    pub fn fill_rect(&mut self, (x0, y0): (f64, f64), (x1, y1): (f64, f64), p: Paint) -> Res {
        let (l, r) = (x0.min(x1), x0.max(x1));
        let (t, b) = (y0.min(y1), y0.max(y1));
        match self {
            Canvas::Png(bk) => bk
                .draw_rect(
                    (l.round() as i32, t.round() as i32),
                    (r.round() as i32, b.round() as i32),
                    &backend_colour(p),
                    true,
                )
                .map_err(|e| e.to_string()),
            Canvas::Svg { out, .. } => {
                let _ = writeln!(
                    out,
                    "<rect x=\"{l:.1}\" y=\"{t:.1}\" width=\"{:.1}\" height=\"{:.1}\" {}/>",
                    r - l,
                    b - t,
                    paint_attr("fill", p)
                );
                Ok(())
            }
        }
    }

    /// A filled polygon.
    pub fn fill_polygon(&mut self, pts: &[(f64, f64)], p: Paint) -> Res {
        if pts.len() < 3 {
            return Ok(());
        }
        match self {
            Canvas::Png(bk) => bk
                .fill_polygon(
                    pts.iter()
                        .map(|&(x, y)| (x.round() as i32, y.round() as i32)),
                    &backend_colour(p),
                )
                .map_err(|e| e.to_string()),
            Canvas::Svg { out, .. } => {
                let _ = writeln!(
                    out,
                    "<polygon points=\"{}\" {}/>",
                    points(pts),
                    paint_attr("fill", p)
                );
                Ok(())
            }
        }
    }

    /// A circle, filled, outlined, or both.
    pub fn circle(
        &mut self,
        (cx, cy): (f64, f64),
        r: f64,
        fill: Option<Paint>,
        line: Option<(Paint, f64)>,
    ) -> Res {
        match self {
            Canvas::Png(_) => {
                if let Some((p, w)) = line {
                    self.disc((cx, cy), r + w / 2.0, p);
                    if let Some(f) = fill {
                        self.disc((cx, cy), r - w / 2.0, f);
                    } else {
                        self.disc((cx, cy), r - w / 2.0, Paint::solid(RGBColor(255, 255, 255)));
                    }
                } else if let Some(f) = fill {
                    self.disc((cx, cy), r, f);
                }
                Ok(())
            }
            Canvas::Svg { out, .. } => {
                let fill = fill.map_or("fill=\"none\"".to_string(), |f| paint_attr("fill", f));
                let line = line.map_or(String::new(), |(p, w)| {
                    format!(" {} stroke-width=\"{w:.1}\"", paint_attr("stroke", p))
                });
                let _ = writeln!(
                    out,
                    "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{r:.1}\" {fill}{line}/>"
                );
                Ok(())
            }
        }
    }

    /// An anti-aliased filled disc on the bitmap.
    fn disc(&mut self, (cx, cy): (f64, f64), r: f64, p: Paint) {
        let Canvas::Png(bk) = self else { return };
        if r <= 0.0 {
            return;
        }
        let (x0, x1) = ((cx - r - 1.0).floor() as i32, (cx + r + 1.0).ceil() as i32);
        let (y0, y1) = ((cy - r - 1.0).floor() as i32, (cy + r + 1.0).ceil() as i32);
        for y in y0..=y1 {
            for x in x0..=x1 {
                let d = ((f64::from(x) - cx).powi(2) + (f64::from(y) - cy).powi(2)).sqrt();
                let cov = (r + 0.5 - d).clamp(0.0, 1.0);
                if cov > 0.0 {
                    let _ = bk.draw_pixel((x, y), backend_colour(p.alpha(p.alpha * cov)));
                }
            }
        }
    }

    /// One path through `pts`, stroked with round joins and caps; dashed as one pattern along
    /// its whole length. `None` points break the path.
    pub fn path(&mut self, pts: &[Option<(f64, f64)>], s: Stroke) -> Res {
        let runs: Vec<Vec<(f64, f64)>> = pts
            .split(|p| p.is_none())
            .map(|r| r.iter().flatten().copied().collect::<Vec<_>>())
            .filter(|r| !r.is_empty())
            .collect();
        match self {
            Canvas::Svg { out, .. } => {
                let mut d = String::new();
                for r in &runs {
                    for (i, (x, y)) in r.iter().enumerate() {
                        let _ = write!(d, "{}{x:.1} {y:.1}", if i == 0 { "M" } else { " L" });
                    }
                }
                if d.is_empty() {
                    return Ok(());
                }
                let dash = s.dash.map_or(String::new(), |(on, off)| {
                    format!(" stroke-dasharray=\"{on:.1} {off:.1}\"")
                });
                let _ = writeln!(
                    out,
                    "<path d=\"{d}\" fill=\"none\" {} stroke-width=\"{:.1}\" \
                     stroke-linejoin=\"round\" stroke-linecap=\"round\"{dash}/>",
                    paint_attr("stroke", s.paint),
                    s.width
                );
                Ok(())
            }
            Canvas::Png(bk) => {
                let size = bk.get_size();
                let pieces: Vec<Vec<(f64, f64)>> = runs
                    .iter()
                    .flat_map(|r| match s.dash {
                        Some((on, off)) => dash_pieces(r, on, off),
                        None => vec![r.clone()],
                    })
                    .collect();
                if pieces.is_empty() {
                    return Ok(());
                }
                let mut mask = Mask::new(&pieces, s.width / 2.0, size);
                for piece in &pieces {
                    mask.stroke(piece, s.width / 2.0);
                }
                mask.paint(self, s.paint);
                Ok(())
            }
        }
    }

    /// A line of text.
    pub fn text(&mut self, l: &Label) -> Res {
        let (ox, oy) = l.origin();
        match self {
            Canvas::Png(bk) => {
                let colour = l.paint;
                let mut result = Ok(());
                font::rasterise(&l.text, l.em, (ox, oy), l.vertical, l.bold, |x, y, c| {
                    if result.is_ok() {
                        let p = colour.alpha(colour.alpha * f64::from(c.min(1.0)));
                        result = bk.draw_pixel((x, y), backend_colour(p));
                    }
                });
                result.map_err(|e| e.to_string())
            }
            Canvas::Svg { out, .. } => {
                // Anchored where the layout anchored it, with `text-anchor`, so centred and
                // right-aligned text stays so in a viewer whose font sets a little wider.
                let (ax, ay, anchor) = match (l.h, l.vertical) {
                    (HPos::Left, _) => (ox, oy, ""),
                    (HPos::Center, false) => (l.x, oy, " text-anchor=\"middle\""),
                    (HPos::Right, false) => (l.x, oy, " text-anchor=\"end\""),
                    (HPos::Center, true) => (ox, l.y, " text-anchor=\"middle\""),
                    (HPos::Right, true) => (ox, l.y, " text-anchor=\"end\""),
                };
                let weight = if l.bold { " font-weight=\"bold\"" } else { "" };
                let turn = if l.vertical {
                    format!(" transform=\"rotate(-90 {ax:.1} {ay:.1})\"")
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    "<text x=\"{ax:.1}\" y=\"{ay:.1}\" font-family=\"{FAMILY}\" \
                     font-size=\"{:.1}\"{weight}{anchor} {}{turn}>{}</text>",
                    l.em,
                    paint_attr("fill", l.paint),
                    escape(&l.text)
                );
                Ok(())
            }
        }
    }
}

fn points(pts: &[(f64, f64)]) -> String {
    let mut s = String::new();
    for (i, (x, y)) in pts.iter().enumerate() {
        let _ = write!(s, "{}{x:.1},{y:.1}", if i == 0 { "" } else { " " });
    }
    s
}

/// The "on" stretches of a dash pattern laid along a polyline.
fn dash_pieces(pts: &[(f64, f64)], on: f64, off: f64) -> Vec<Vec<(f64, f64)>> {
    let (on, off) = (on.max(0.5), off.max(0.5));
    let mut out = Vec::new();
    let mut cur: Vec<(f64, f64)> = vec![pts[0]];
    let mut drawing = true;
    let mut left = on;
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let mut t = 0.0;
        while len - t > left {
            t += left;
            let p = (a.0 + (b.0 - a.0) * t / len, a.1 + (b.1 - a.1) * t / len);
            if drawing {
                cur.push(p);
                out.push(std::mem::take(&mut cur));
                left = off;
            } else {
                cur = vec![p];
                left = on;
            }
            drawing = !drawing;
        }
        left -= len - t;
        if drawing {
            cur.push(b);
        }
    }
    if drawing && cur.len() > 1 {
        out.push(cur);
    }
    out
}

/// Coverage of one path on the bitmap, so overlapping segments of the same stroke do not
/// darken each other: segments as capsules (round joins and caps), anti-aliased.
struct Mask {
    x0: i32,
    y0: i32,
    w: i32,
    h: i32,
    cells: Vec<f32>,
    /// Cells with some coverage, so painting visits only those (a zeroed buffer costs little
    /// until touched).
    touched: Vec<u32>,
}

impl Mask {
    /// A mask covering `pieces` widened by `r`, clipped to the canvas.
    fn new(pieces: &[Vec<(f64, f64)>], r: f64, (cw, ch): (u32, u32)) -> Mask {
        let (mut l, mut t, mut rr, mut b) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in pieces.iter().flatten() {
            (l, t, rr, b) = (l.min(x), t.min(y), rr.max(x), b.max(y));
        }
        let x0 = ((l - r - 2.0).floor() as i32).max(0);
        let y0 = ((t - r - 2.0).floor() as i32).max(0);
        let x1 = ((rr + r + 2.0).ceil() as i32).min(cw as i32);
        let y1 = ((b + r + 2.0).ceil() as i32).min(ch as i32);
        let (w, h) = ((x1 - x0).max(0), (y1 - y0).max(0));
        Mask {
            x0,
            y0,
            w,
            h,
            cells: vec![0.0; (w * h) as usize],
            touched: Vec::new(),
        }
    }

    fn stroke(&mut self, pts: &[(f64, f64)], r: f64) {
        if pts.len() == 1 {
            self.capsule(pts[0], pts[0], r);
        }
        for w in pts.windows(2) {
            self.capsule(w[0], w[1], r);
        }
    }

    fn capsule(&mut self, a: (f64, f64), b: (f64, f64), r: f64) {
        let x0 = ((a.0.min(b.0) - r - 1.0).floor() as i32).max(self.x0);
        let x1 = ((a.0.max(b.0) + r + 1.0).ceil() as i32).min(self.x0 + self.w - 1);
        let y0 = ((a.1.min(b.1) - r - 1.0).floor() as i32).max(self.y0);
        let y1 = ((a.1.max(b.1) + r + 1.0).ceil() as i32).min(self.y0 + self.h - 1);
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len2 = dx * dx + dy * dy;
        for y in y0..=y1 {
            for x in x0..=x1 {
                // Pixel centres.
                let (px, py) = (f64::from(x) + 0.5 - a.0, f64::from(y) + 0.5 - a.1);
                let t = if len2 > 0.0 {
                    ((px * dx + py * dy) / len2).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let d = ((px - t * dx).powi(2) + (py - t * dy).powi(2)).sqrt();
                let cov = (r + 0.5 - d).clamp(0.0, 1.0) as f32;
                if cov > 0.0 {
                    let i = ((y - self.y0) * self.w + (x - self.x0)) as usize;
                    if self.cells[i] == 0.0 {
                        self.touched.push(i as u32);
                    }
                    self.cells[i] = self.cells[i].max(cov);
                }
            }
        }
    }

    fn paint(&self, canvas: &mut Canvas, p: Paint) {
        let Canvas::Png(bk) = canvas else { return };
        for &i in &self.touched {
            let c = self.cells[i as usize];
            let (x, y) = (self.x0 + i as i32 % self.w, self.y0 + i as i32 / self.w);
            let _ = bk.draw_pixel((x, y), backend_colour(p.alpha(p.alpha * f64::from(c))));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_follow_the_whole_path() {
        // 0→10 then 10→20 along x, dash 4 gap 2: on 0–4, 6–10, 12–16, 18–20.
        let pieces = dash_pieces(&[(0.0, 0.0), (10.0, 0.0), (20.0, 0.0)], 4.0, 2.0);
        let spans: Vec<(f64, f64)> = pieces.iter().map(|p| (p[0].0, p[p.len() - 1].0)).collect();
        assert_eq!(spans, [(0.0, 4.0), (6.0, 10.0), (12.0, 16.0), (18.0, 20.0)]);
    }
}
