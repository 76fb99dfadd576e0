//! A TrueType subset of the bundled DejaVu Sans: only the glyphs a file draws (and the glyphs
//! their composites are made of), renumbered, with a cmap of just their characters, their
//! metrics and their kerning pairs, so that an SVG or an HTML report can carry its font (a few
//! kB instead of the 760 kB face). Kept whole: head, hhea, maxp, OS/2, name (the licence),
//! cvt, fpgm, prep and gasp (the glyphs' hinting instructions call into them). Dropped: the
//! OpenType layout tables (the charts use no ligature or mark; kerning comes from `kern`, as
//! the charts' own measurement does), glyph names (post version 3) and the device tables.

use std::collections::BTreeMap;

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *d.get(at)?,
        *d.get(at + 1)?,
        *d.get(at + 2)?,
        *d.get(at + 3)?,
    ]))
}

/// The font's tables by tag.
fn tables(font: &[u8]) -> Option<BTreeMap<[u8; 4], &[u8]>> {
    let n = usize::from(u16_at(font, 4)?);
    let mut out = BTreeMap::new();
    for i in 0..n {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let off = u32_at(font, rec + 8)? as usize;
        let len = u32_at(font, rec + 12)? as usize;
        out.insert(tag, font.get(off..off.checked_add(len)?)?);
    }
    Some(out)
}

/// Each glyph's bytes in `glyf`, by glyph id.
fn glyphs<'a>(t: &BTreeMap<[u8; 4], &'a [u8]>, count: usize) -> Option<Vec<&'a [u8]>> {
    let (loca, glyf) = (*t.get(b"loca")?, *t.get(b"glyf")?);
    let long = u16_at(t.get(b"head")?, 50)? == 1;
    let at = |i: usize| -> Option<usize> {
        if long {
            u32_at(loca, 4 * i).map(|o| o as usize)
        } else {
            u16_at(loca, 2 * i).map(|o| 2 * usize::from(o))
        }
    };
    (0..count).map(|g| glyf.get(at(g)?..at(g + 1)?)).collect()
}

/// The component glyph ids of a composite glyph, with the byte offset of each id.
fn components(glyph: &[u8]) -> Vec<(usize, u16)> {
    let mut out = Vec::new();
    if glyph.len() < 10 || i16::from_be_bytes([glyph[0], glyph[1]]) >= 0 {
        return out;
    }
    let mut at = 10;
    while let (Some(flags), Some(id)) = (u16_at(glyph, at), u16_at(glyph, at + 2)) {
        out.push((at + 2, id));
        at += 4 + if flags & 1 != 0 { 4 } else { 2 };
        at += match flags {
            f if f & 0x08 != 0 => 2,
            f if f & 0x40 != 0 => 4,
            f if f & 0x80 != 0 => 8,
            _ => 0,
        };
        if flags & 0x20 == 0 {
            break;
        }
    }
    out
}

/// The subset of `font` that draws `chars` (their glyph ids in `font` given by `glyph_of`).
pub fn subset(font: &[u8], chars: &[(char, u16)]) -> Option<Vec<u8>> {
    let t = tables(font)?;
    let count = usize::from(u16_at(t.get(b"maxp")?, 4)?);
    let all = glyphs(&t, count)?;
    // The glyphs kept: .notdef, the characters', and their components, in the old order.
    let mut keep: Vec<u16> = vec![0];
    keep.extend(
        chars
            .iter()
            .map(|&(_, g)| g)
            .filter(|&g| usize::from(g) < count),
    );
    let mut i = 0;
    while i < keep.len() {
        let g = usize::from(keep[i]);
        keep.extend(
            components(all[g])
                .into_iter()
                .map(|(_, c)| c)
                .filter(|&c| usize::from(c) < count),
        );
        i += 1;
    }
    keep.sort_unstable();
    keep.dedup();
    let new_id: BTreeMap<u16, u16> = keep
        .iter()
        .enumerate()
        .map(|(n, &g)| (g, n as u16))
        .collect();
    let (glyf, loca) = glyf_and_loca(&all, &keep, &new_id);
    let mut out: BTreeMap<[u8; 4], Vec<u8>> = BTreeMap::new();
    for tag in [b"OS/2", b"name", b"cvt ", b"fpgm", b"prep", b"gasp"] {
        if let Some(d) = t.get(tag) {
            out.insert(*tag, d.to_vec());
        }
    }
    let n = keep.len() as u16;
    let mut head = t.get(b"head")?.to_vec();
    head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    head.get_mut(50..52)?.copy_from_slice(&1u16.to_be_bytes());
    let mut hhea = t.get(b"hhea")?.to_vec();
    hhea.get_mut(34..36)?.copy_from_slice(&n.to_be_bytes());
    let mut maxp = t.get(b"maxp")?.to_vec();
    maxp.get_mut(4..6)?.copy_from_slice(&n.to_be_bytes());
    let mut post = t.get(b"post")?.get(..32)?.to_vec();
    post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
    out.insert(*b"head", head);
    out.insert(*b"hhea", hhea);
    out.insert(*b"maxp", maxp);
    out.insert(*b"post", post);
    out.insert(*b"hmtx", hmtx(&t, &keep)?);
    out.insert(*b"cmap", cmap(chars, &new_id));
    if let Some(kern) = t.get(b"kern").and_then(|k| kern(k, &new_id)) {
        out.insert(*b"kern", kern);
    }
    out.insert(*b"glyf", glyf);
    out.insert(*b"loca", loca);
    Some(assemble(&out))
}

/// The kept glyphs' bytes (composites pointing at the new ids), each padded to 4 bytes, and
/// their long offsets.
fn glyf_and_loca(all: &[&[u8]], keep: &[u16], new_id: &BTreeMap<u16, u16>) -> (Vec<u8>, Vec<u8>) {
    let mut glyf = Vec::new();
    let mut loca = Vec::new();
    for &g in keep {
        loca.extend((glyf.len() as u32).to_be_bytes());
        let mut bytes = all[usize::from(g)].to_vec();
        for (at, old) in components(&bytes) {
            let new = new_id.get(&old).copied().unwrap_or(0);
            bytes[at..at + 2].copy_from_slice(&new.to_be_bytes());
        }
        glyf.extend(bytes);
        while glyf.len() % 4 != 0 {
            glyf.push(0);
        }
    }
    loca.extend((glyf.len() as u32).to_be_bytes());
    (glyf, loca)
}

/// Advance and left side bearing of each kept glyph, all as long metrics.
fn hmtx(t: &BTreeMap<[u8; 4], &[u8]>, keep: &[u16]) -> Option<Vec<u8>> {
    let hmtx = *t.get(b"hmtx")?;
    let long = usize::from(u16_at(t.get(b"hhea")?, 34)?);
    let mut out = Vec::with_capacity(keep.len() * 4);
    for &g in keep {
        let g = usize::from(g);
        let (adv, lsb) = if g < long {
            (u16_at(hmtx, 4 * g)?, u16_at(hmtx, 4 * g + 2)?)
        } else {
            (
                u16_at(hmtx, 4 * (long - 1))?,
                u16_at(hmtx, 4 * long + 2 * (g - long))?,
            )
        };
        out.extend(adv.to_be_bytes());
        out.extend(lsb.to_be_bytes());
    }
    Some(out)
}

/// A cmap of one format-4 subtable (Windows, Unicode BMP): a segment per character.
fn cmap(chars: &[(char, u16)], new_id: &BTreeMap<u16, u16>) -> Vec<u8> {
    let mut map: BTreeMap<u16, u16> = BTreeMap::new();
    for &(c, g) in chars {
        if let (Ok(code), Some(&id)) = (u16::try_from(u32::from(c)), new_id.get(&g)) {
            if code != 0xFFFF && id != 0 {
                map.insert(code, id);
            }
        }
    }
    // At most 8,000 characters, so the subtable's length fits its 16 bits.
    let mut segs: Vec<(u16, u16)> = map.into_iter().take(8_000).collect();
    segs.push((0xFFFF, 0));
    let n = segs.len() as u16;
    let log = 15 - n.leading_zeros() as u16;
    let range = 2 * (1u16 << log);
    let mut sub = Vec::new();
    for v in [4, 16 + 8 * n, 0, 2 * n, range, log, 2 * n - range] {
        sub.extend(v.to_be_bytes());
    }
    segs.iter().for_each(|&(c, _)| sub.extend(c.to_be_bytes()));
    sub.extend(0u16.to_be_bytes());
    segs.iter().for_each(|&(c, _)| sub.extend(c.to_be_bytes()));
    for &(c, id) in &segs {
        let delta = if c == 0xFFFF { 1 } else { id.wrapping_sub(c) };
        sub.extend(delta.to_be_bytes());
    }
    segs.iter().for_each(|_| sub.extend(0u16.to_be_bytes()));
    let mut out = Vec::new();
    for v in [0u16, 1, 3, 1] {
        out.extend(v.to_be_bytes());
    }
    out.extend(12u32.to_be_bytes());
    out.extend(sub);
    out
}

/// The `kern` table (version 0, one format-0 subtable) with the pairs of kept glyphs only.
fn kern(k: &[u8], new_id: &BTreeMap<u16, u16>) -> Option<Vec<u8>> {
    if u16_at(k, 0)? != 0 || u16_at(k, 2)? == 0 || u16_at(k, 4 + 4)? & 0xFF00 != 0 {
        return None;
    }
    let coverage = u16_at(k, 8)?;
    let pairs = usize::from(u16_at(k, 10)?);
    let mut kept = Vec::new();
    for i in 0..pairs {
        let at = 18 + 6 * i;
        let (l, r, v) = (u16_at(k, at)?, u16_at(k, at + 2)?, u16_at(k, at + 4)?);
        if let (Some(&l), Some(&r)) = (new_id.get(&l), new_id.get(&r)) {
            kept.push((l, r, v));
        }
    }
    kept.sort_unstable();
    if kept.len() > 10_000 {
        return None;
    }
    let n = kept.len() as u16;
    let log = if n == 0 {
        0
    } else {
        15 - n.leading_zeros() as u16
    };
    let range = if n == 0 { 0 } else { 6 * (1u16 << log) };
    let mut out = Vec::new();
    for v in [
        0u16,
        1,
        0,
        14 + 6 * n,
        coverage,
        n,
        range,
        log,
        6 * n - range,
    ] {
        out.extend(v.to_be_bytes());
    }
    for (l, r, v) in kept {
        for x in [l, r, v] {
            out.extend(x.to_be_bytes());
        }
    }
    Some(out)
}

fn checksum(d: &[u8]) -> u32 {
    d.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// The font file: the table directory (tags in order) and the tables, 4-byte aligned, with
/// head's checkSumAdjustment set.
fn assemble(tables: &BTreeMap<[u8; 4], Vec<u8>>) -> Vec<u8> {
    let n = tables.len() as u16;
    let log = 15 - n.leading_zeros() as u16;
    let range = 16 * (1u16 << log);
    let mut out = Vec::new();
    out.extend(0x0001_0000u32.to_be_bytes());
    for v in [n, range, log, 16 * n - range] {
        out.extend(v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = 0;
    for (tag, data) in tables {
        if tag == b"head" {
            head_at = offset;
        }
        out.extend(tag);
        out.extend(checksum(data).to_be_bytes());
        out.extend((offset as u32).to_be_bytes());
        out.extend((data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for data in tables.values() {
        out.extend(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    if let Some(slot) = out.get_mut(head_at + 8..head_at + 12) {
        slot.copy_from_slice(&adjust.to_be_bytes());
    }
    out
}
