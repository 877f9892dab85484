"""webapp/stencil.py: a kept page filled for each response gets its own record ids and token."""
import re
import uuid

from markupsafe import Markup

from webapp.stencil import CSRF_MARK, RECORD_MARK, Page, keep, new_ids, stencil_of

ID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def test_new_ids_are_random_version_4_uuids_as_uuid_prints_them():
    ids = new_ids(500)
    assert len(set(ids)) == 500
    for raw in ids:
        found = uuid.UUID(raw.decode())
        assert found.version == 4 and found.variant == uuid.RFC_4122 and str(found).encode() == raw
    assert new_ids(0) == []


def test_each_fill_has_its_own_ids_and_the_token_in_place_of_the_marks():
    page = stencil_of("<form><input value='a1'>é<input value='b2'><input value='tok'></form>", ["a1", "b2"], "tok")
    assert isinstance(page, Markup) and str(page).count(RECORD_MARK) == 2 and CSRF_MARK in page
    first, second = Page(page).fill("T1"), Page(page).fill("T2")
    assert isinstance(first, bytes) and "é".encode() in first
    assert b"T1" in first and b"T2" in second and b"<!--" not in first + second
    ids = ID.findall(first) + ID.findall(second)
    assert len(ids) == 4 and len(set(ids)) == 4


def test_a_stencil_drawn_into_a_larger_one_keeps_its_marks():
    row = stencil_of("<li>r1</li>", ["r1"], None)
    page = stencil_of(f"<ul>{row}{row}</ul><i>tok</i>", [], "tok")
    filled = Page(page).fill("T")
    assert len(set(ID.findall(filled))) == 2 and filled.endswith(b"<i>T</i>")


def test_a_kept_page_is_its_encoded_pieces_and_equals_the_stencil_it_was_kept_from():
    args = ("<p>ñ r1 tok</p>", ["r1"], "tok")
    page = keep(*args)
    assert isinstance(page, Page) and page.size == len("<p>ñ  </p>".encode())
    assert page == stencil_of(*args) and page == keep(*args)
    assert page != stencil_of("<p>n r1 tok</p>", ["r1"], "tok") and page != 42
    assert page.fill("T").startswith("<p>ñ ".encode()) and page.fill("T").endswith(b" T</p>")
