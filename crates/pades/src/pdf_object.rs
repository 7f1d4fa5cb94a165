//! Writing PDF objects as bytes. lopdf 0.44 keeps its object writer private, and the update
//! must be written byte-exactly anyway so the ByteRange offsets are known.

use lopdf::{Dictionary, Object, StringFormat};

use crate::PadesError;

/// Deeper nesting than this is treated as hostile input rather than recursed into.
const MAX_DEPTH: usize = 64;

/// Appends the PDF syntax of `object` (a direct object; streams are written by the caller).
pub(crate) fn write(out: &mut Vec<u8>, object: &Object) -> Result<(), PadesError> {
    write_at(out, object, 0)
}

fn write_at(out: &mut Vec<u8>, object: &Object, depth: usize) -> Result<(), PadesError> {
    if depth > MAX_DEPTH {
        return Err(PadesError::malformed("objects nested too deeply"));
    }
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => write_real(out, *r),
        Object::Name(name) => write_name(out, name),
        Object::String(bytes, StringFormat::Hexadecimal) => {
            out.push(b'<');
            out.extend_from_slice(hex::encode_upper(bytes).as_bytes());
            out.push(b'>');
        }
        Object::String(bytes, StringFormat::Literal) => write_literal(out, bytes),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_at(out, item, depth + 1)?;
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dict_at(out, dict, depth + 1)?,
        Object::Reference((num, generation)) => {
            out.extend_from_slice(format!("{num} {generation} R").as_bytes());
        }
        Object::Stream(_) => {
            return Err(PadesError::malformed(
                "a stream appears as a direct object inside a dictionary or array",
            ));
        }
    }
    Ok(())
}

/// Appends `<< /Key value ... >>`.
pub(crate) fn write_dict(out: &mut Vec<u8>, dict: &Dictionary) -> Result<(), PadesError> {
    write_dict_at(out, dict, 0)
}

fn write_dict_at(out: &mut Vec<u8>, dict: &Dictionary, depth: usize) -> Result<(), PadesError> {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        out.push(b' ');
        write_name(out, key);
        out.push(b' ');
        write_at(out, value, depth)?;
    }
    out.extend_from_slice(b" >>");
    Ok(())
}

fn write_real(out: &mut Vec<u8>, r: f32) {
    // Display never uses exponents, which PDF does not allow; NaN/inf have no PDF form.
    let r = if r.is_finite() { r } else { 0.0 };
    out.extend_from_slice(format!("{r}").as_bytes());
}

/// Appends `/Name`, escaping everything outside the regular characters as `#xx`.
pub(crate) fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        let regular = (0x21..=0x7e).contains(&b) && !b"()<>[]{}/%#".contains(&b);
        if regular {
            out.push(b);
        } else {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        }
    }
}

fn write_literal(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push(b'\\');
                out.push(b);
            }
            // A bare CR would be read back as LF.
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
    out.push(b')');
}

/// A PDF text string: plain ASCII as a literal, anything else as UTF-16BE with a BOM.
pub(crate) fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(object: &Object) -> String {
        let mut out = Vec::new();
        write(&mut out, object).expect("writes");
        String::from_utf8(out).expect("ascii")
    }

    #[test]
    fn names_strings_and_numbers_use_pdf_syntax() {
        assert_eq!(written(&Object::Name(b"A B#".to_vec())), "/A#20B#23");
        assert_eq!(
            written(&Object::String(b"a(b)\\\r".to_vec(), StringFormat::Literal)),
            "(a\\(b\\)\\\\\\r)"
        );
        assert_eq!(written(&Object::Real(0.5)), "0.5");
        assert_eq!(written(&Object::Real(f32::NAN)), "0");
        assert_eq!(written(&Object::Reference((12, 0))), "12 0 R");
    }

    #[test]
    fn chinese_text_becomes_utf16_with_bom() {
        assert_eq!(written(&text_string("张")), "<FEFF5F20>");
        assert_eq!(written(&text_string("Zhang")), "(Zhang)");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let mut object = Object::Null;
        for _ in 0..1000 {
            object = Object::Array(vec![object]);
        }
        let mut out = Vec::new();
        assert_eq!(
            write(&mut out, &object).expect_err("too deep").code(),
            "pdf.malformed"
        );
    }
}
