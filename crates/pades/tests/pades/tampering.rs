//! Any change to a signed file after signing must make verification fail.

use jiedu_pades::{verify_pdf, PadesError};
use lopdf::{Document, IncrementalDocument, Object};

use crate::fixtures::{contents_gap, find, page_text, sample_pdf, Office};

fn signed_sample() -> (Office, Vec<u8>) {
    let office = Office::new();
    let signed = office.person("leader").sign(&sample_pdf(3));
    (office, signed)
}

#[test]
fn flipping_any_signed_byte_fails() {
    let (office, signed) = signed_sample();
    let (gap_start, gap_end) = contents_gap(&signed);
    let signed_positions: Vec<usize> = (0..gap_start).chain(gap_end..signed.len()).collect();
    let step = signed_positions.len() / 50;
    let mut tried = 0;
    for &position in signed_positions.iter().step_by(step) {
        let mut tampered = signed.clone();
        tampered[position] ^= 0x01;
        let result = verify_pdf(&tampered, office.trusted(), Some("leader"));
        assert!(
            result.is_err(),
            "flipping byte {position} ({:?}) still verifies",
            char::from(signed[position])
        );
        tried += 1;
    }
    assert!(tried >= 50);
}

#[test]
fn swapping_two_bytes_of_page_text_is_a_digest_mismatch() {
    let (office, signed) = signed_sample();
    let at = find(&signed, page_text(2).as_bytes());
    let mut tampered = signed.clone();
    // "Policy" -> "oPlicy": same length, so the PDF still parses.
    tampered.swap(at, at + 1);
    assert_eq!(
        verify_pdf(&tampered, office.trusted(), None),
        Err(PadesError::DigestMismatch)
    );
}

#[test]
fn incremental_update_after_signing_is_detected() {
    let (office, signed) = signed_sample();
    let prev = Document::load_mem(&signed).expect("loads");
    let page = *prev.get_pages().get(&1).expect("page 1");
    let mut update = IncrementalDocument::create_from(signed.clone(), prev);
    update
        .opt_clone_object_to_new_document(page)
        .expect("clone page");
    update
        .new_document
        .get_object_mut(page)
        .and_then(Object::as_dict_mut)
        .expect("page dict")
        .set("Rotate", 90);
    let mut modified = Vec::new();
    update.save_to(&mut modified).expect("save");
    assert!(modified.starts_with(&signed));

    assert_eq!(
        verify_pdf(&modified, office.trusted(), None),
        Err(PadesError::ModifiedAfterSigning {
            extra_bytes: modified.len() - signed.len()
        })
    );
}

#[test]
fn up_to_two_trailing_line_end_bytes_are_tolerated() {
    let (office, signed) = signed_sample();
    let trusted = office.trusted();
    let mut padded = signed.clone();
    padded.extend_from_slice(b"\r\n");
    verify_pdf(&padded, trusted, None).expect("two EOL bytes are fine");
    padded.push(b'\n');
    assert_eq!(
        verify_pdf(&padded, trusted, None),
        Err(PadesError::ModifiedAfterSigning { extra_bytes: 3 })
    );
    let mut junk = signed.clone();
    junk.push(b'x');
    assert_eq!(
        verify_pdf(&junk, trusted, None),
        Err(PadesError::ModifiedAfterSigning { extra_bytes: 1 })
    );
}

#[test]
fn signature_transplanted_from_another_file_is_a_digest_mismatch() {
    let office = Office::new();
    let leader = office.person("leader");
    let first = leader.sign(&sample_pdf(3));
    let second = leader.sign(&sample_pdf(2));
    let (a0, a1) = contents_gap(&first);
    let (b0, b1) = contents_gap(&second);
    let mut transplanted = second.clone();
    transplanted[b0..b1].copy_from_slice(&first[a0..a1]);
    assert_eq!(
        verify_pdf(&transplanted, office.trusted(), None),
        Err(PadesError::DigestMismatch)
    );
}

#[test]
fn truncated_signed_files_fail_without_panicking() {
    let (office, signed) = signed_sample();
    let (gap_start, _) = contents_gap(&signed);
    for len in [
        0,
        1,
        5,
        100,
        gap_start,
        gap_start + 10,
        signed.len() / 2,
        signed.len() - 10,
        signed.len() - 1,
    ] {
        assert!(
            verify_pdf(&signed[..len], office.trusted(), None).is_err(),
            "truncated to {len} bytes still verifies"
        );
    }
}

#[test]
fn absurd_byte_range_numbers_are_errors() {
    let (office, signed) = signed_sample();
    let at = find(&signed, b"/ByteRange [") + b"/ByteRange ".len();
    for text in [
        "[0 1 9223372036854775807 9223372036854775807]",
        "[0 99999999999999999999999 1 1]",
        "[-5 10 20 30]",
        "[0 10 20]",
        "[0 10 5 30]",
    ] {
        let mut tampered = signed.clone();
        let padded = format!("{text:<72}");
        tampered[at..at + 72].copy_from_slice(padded.as_bytes());
        let result = verify_pdf(&tampered, office.trusted(), None);
        assert!(result.is_err(), "{text} verifies");
    }
}

#[test]
fn random_corruption_never_panics() {
    let (office, signed) = signed_sample();
    // A fixed xorshift sequence keeps failures reproducible.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..200 {
        let mut tampered = signed.clone();
        for _ in 0..(next() % 8 + 1) {
            let position = (next() as usize) % tampered.len();
            tampered[position] = next() as u8;
        }
        let cut = (next() as usize) % (tampered.len() + 1);
        if next() % 4 == 0 {
            tampered.truncate(cut);
        }
        let _ = verify_pdf(&tampered, office.trusted(), None);
    }
}
