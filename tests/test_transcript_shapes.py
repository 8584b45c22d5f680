"""Transcripts of every shape: several experts, tools' exports, subtitles, any outlet's chrome."""

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from interviews.transcripts import ANSWER, QUESTION, TranscriptError, parse_text, read_upload
from interviews.transcripts.boilerplate import edge_reason, notice_reason, partner_outlet
from interviews.transcripts.people import role

TRANSCRIPTS = Path(__file__).parent / "transcripts"
STAMP = re.compile(r"\d{1,2}:\d{2}")


def load(name, **options):
    path = TRANSCRIPTS / name
    return read_upload(path.name, path.read_bytes(), **options)


def answers(parsed):
    return [(block.speaker, block.text) for block in parsed.blocks if block.kind == ANSWER]


def all_text(parsed):
    return "\n".join([parsed.title, parsed.lead, *(block.text for block in parsed.blocks)])


# --- Two or more experts ----------------------------------------------------------------------


def test_two_experts_get_their_own_bio_role_answers_and_photo():
    parsed = load("two_experts.txt")
    assert parsed.title == "Marat Seitkali and Elena Voss: the border towns are trading with each other again"
    assert parsed.lead.startswith("After three years of closed crossings")
    marat, elena = parsed.experts
    assert (marat.name, elena.name) == ("Marat Seitkali", "Elena Voss")
    assert marat.bio.startswith("Marat Seitkali is a senior lecturer") and "Elena" not in marat.bio
    assert elena.role == "Research fellow at the Institute for Regional Markets"
    assert "Elena Voss is" not in parsed.lead
    speakers = answers(parsed)
    assert speakers[0] == (
        0,
        "Mostly the new fee schedule. A small trader now pays once per month, not at every crossing.\n\n"
        "That sounds minor, but for someone carrying forty kilograms of dried fruit it decides everything.",
    )
    assert speakers[1][0] == 1 and speakers[1][1].startswith("I would add the railway timetable.")
    # "Full Name:" works as well as "Surname:"; the prefix never reaches the text.
    assert speakers[2] == (
        1,
        "It depends on the next budget. If the fees rise again, the traders will vanish within a season.",
    )
    assert not any(text.startswith(("Seitkali:", "Voss:", "Elena Voss:")) for _, text in speakers)
    assert parsed.question_count == 3 and parsed.answer_count == 6
    assert [(image.caption, image.person) for image in parsed.images] == [
        ("Marat Seitkali", 0),
        ("Elena Voss", 1),
    ]
    assert elena.photo_credit == "Photo: Institute for Regional Markets"
    assert parsed.partner == ""


def test_boilerplate_in_other_wordings_is_dropped_with_a_reason_each():
    parsed = load("two_experts.txt")
    dropped = {line.text: line.reason for line in parsed.dropped}
    assert dropped == {
        "Home › Interviews › Economy": "before the title: site navigation",
        "Read also: Why the grain corridor closed early": "before the title: a link to another article",
        "Reproduction of this article is permitted only with a hyperlink to the original page.": (
            "before the title: reuse conditions"
        ),
        "See also: Five crossings, five rules": "inside the article: a link to another article",
        "Share this interview: Facebook · Telegram · Email": (
            "after the last answer: a share or subscribe prompt"
        ),
        "Noticed a typo? Highlight it and press Ctrl+Enter to tell the editors.": (
            "after the last answer: an error-report prompt"
        ),
        "Next interview →": "after the last answer: site navigation",
    }
    assert [line.text for line in parsed.dropped][0] == "Home › Interviews › Economy"
    for line in dropped:
        assert line not in all_text(parsed)


def test_russian_boilerplate_is_dropped_and_the_title_names_the_expert():
    parsed = load("russian_boilerplate.txt")
    assert parsed.title == "Айгерим Токтарова: «Маленькие музеи держатся на энтузиастах»"
    assert parsed.expert_role == "Историк, куратор сети сельских музеев в Жетысу"
    reasons = [line.reason for line in parsed.dropped]
    assert reasons == [
        "before the title: reuse conditions",
        "before the title: a link to another article",
        "inside the article: a link to another article",
        "after the last answer: a share or subscribe prompt",
        "after the last answer: an error-report prompt",
        "after the last answer: a rights line",
    ]
    assert parsed.question_count == 3
    assert "Смотрите также" not in all_text(parsed)


def test_a_kept_line_is_not_dropped_again():
    kept = "Read also: Why the grain corridor closed early"
    parsed = load("two_experts.txt", keep=[kept])
    assert kept not in [line.text for line in parsed.dropped]
    assert parsed.lead.startswith(kept)
    inside = "See also: Five crossings, five rules"
    parsed = load("two_experts.txt", keep=[inside])
    assert any(inside in text for _, text in answers(parsed))


@pytest.mark.parametrize(
    "line",
    [
        "При полном или частичном использовании материалов ссылка на источник обязательна.",
        "Reprinting is allowed only with a link to our website.",
        "Die Verwendung der Inhalte ist nur mit Quellenangabe und Link gestattet.",
        "All materials are protected by copyright law.",
        "Все права защищены.",
        "Spotted an error? Select the text and let us know.",
        "Subscribe to our Telegram channel",
        "https://example.org/interviews/",
    ],
)
def test_notices_in_any_wording_are_recognised(line):
    assert notice_reason(line)


@pytest.mark.parametrize(
    "line",
    [
        "We use the same sources as the ministry, and we cite them.",
        "The treaty was copied from an older one, word for word, in 1994.",
        "Because the depot has heating for only half of the fleet.",
    ],
)
def test_interview_sentences_are_not_notices(line):
    assert not notice_reason(line) and not edge_reason(line)


# --- Transcription tools ----------------------------------------------------------------------


def test_timestamped_turns_of_two_experts_with_labelled_header():
    parsed = load("two_experts_timestamps.txt")
    assert parsed.title == "Two doctors on the night shift nobody wants"
    assert parsed.lead.startswith("Rural hospitals lose staff every winter.")
    assert [(e.name, e.role) for e in parsed.experts] == [
        ("Aruzhan Bek", "Surgeon at the district hospital in Talas"),
        ("Pavel Grint", "Head nurse of the same hospital"),
    ]
    # Nobody is called "Interviewer": the speaker who asks the questions is.
    assert parsed.interviewer_label == "Lina Orlova"
    assert [b.kind for b in parsed.blocks] == [
        QUESTION,
        ANSWER,
        ANSWER,
        QUESTION,
        ANSWER,
        ANSWER,
        QUESTION,
        ANSWER,
    ]
    # Two turns of one speaker in a row stay one answer, in two paragraphs.
    assert answers(parsed)[2] == (
        1,
        "We call the retired staff. They come, every time.\n\n"
        "Honestly, without them we would have closed the ward twice.",
    )
    assert not STAMP.search(all_text(parsed))
    assert parsed.warnings == []


def test_speaker_label_on_its_own_line_after_the_time():
    parsed = load("label_on_own_line.txt")
    assert parsed.interviewer_label == "Host"
    assert parsed.expert_name == "Saltanat Ibraeva"
    assert parsed.blocks[0].text == "Welcome. Why a mill?"
    assert (
        parsed.blocks[1].text
        == "Because it has thick walls and huge windows.\n\nBooks like the first, readers like the second."
    )
    assert parsed.question_count == parsed.answer_count == 3
    assert not STAMP.search(all_text(parsed))


def test_webvtt_with_numbered_speakers_is_merged_into_turns():
    parsed = load("speakers.vtt")
    assert parsed.title == "The river pilots of the lower delta"
    assert (
        parsed.lead == "Ships still need a person on board who knows the sandbanks. Two pilots explain why."
    )
    assert parsed.interviewer_label == "Speaker 1"
    assert [(e.name, e.label) for e in parsed.experts] == [("", "Speaker 2"), ("", "Speaker 3")]
    assert parsed.unnamed_speakers == parsed.experts
    assert answers(parsed)[0] == (
        0,
        "Seven years before they let you take a tanker alone. The sandbanks move every spring, "
        "so the charts are always a little wrong.",
    )
    assert [speaker for speaker, _ in answers(parsed)] == [0, 1, 0, 1]
    assert any("does not name “Speaker 2”, “Speaker 3”" in warning for warning in parsed.warnings)
    assert not STAMP.search(all_text(parsed)) and "<v" not in all_text(parsed)


def test_subrip_with_name_prefixes_and_pauses():
    parsed = load("named.srt")
    assert parsed.title == "A beekeeper on the hard spring"
    assert parsed.interviewer_label == "Interviewer"
    assert parsed.expert_name == "Dana Utebaeva"
    # Cues without a name continue the speaker; a pause of seconds starts a paragraph; tags go.
    assert answers(parsed)[0] == (
        0,
        "Better than the trees did. We wrapped the hives in felt and waited.\n\n"
        "The losses came later, in May, from hunger.",
    )
    assert not STAMP.search(all_text(parsed))


def test_numbered_speakers_without_timestamps():
    parsed = parse_text((TRANSCRIPTS / "speaker_numbers.txt").read_text())
    assert parsed.interviewer_label == "Speaker 1"
    assert [(e.name, e.label) for e in parsed.experts] == [("", "Speaker 2")]
    assert parsed.question_count == parsed.answer_count == 2


def test_one_named_expert_and_one_numbered_speaker_are_the_same_person():
    text = (
        "Title: Salt lakes in summer\nBio: Gulnaz Ermek is a limnologist at the Lake Station.\n\n"
        "[00:00:01] Speaker 1: Why do the lakes shrink?\n[00:00:05] Speaker 2: Heat and irrigation.\n"
        "[00:00:09] Speaker 1: Can they recover?\n[00:00:12] Speaker 2: In a wet decade, yes."
    )
    parsed = parse_text(text)
    assert [(e.name, e.label) for e in parsed.experts] == [("Gulnaz Ermek", "Speaker 2")]
    assert parsed.unnamed_speakers == []


# --- Word documents ---------------------------------------------------------------------------


def test_docx_heading_questions_italic_lead_and_no_page_header_or_footer():
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Meridian · draft for the desk"
    document.sections[0].footer.paragraphs[0].text = "Page 1"
    document.add_paragraph("Version 3, not for publication")
    document.add_heading("The orchards need younger hands", level=0)
    document.add_paragraph("Irina Sova is an agronomist at the Valley Fruit Station.")
    document.add_paragraph().add_run("Apple growers are ageing. Who will pick the harvest?").italic = True
    document.add_heading("Who picks the apples now?", level=2)
    document.add_paragraph("Pensioners and students on holiday.")
    document.add_heading("Will machines help?", level=2)
    document.add_paragraph("Only on flat land.")
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = read_upload("orchards.docx", buffer.getvalue())
    assert parsed.title == "The orchards need younger hands"
    assert parsed.lead == "Apple growers are ageing. Who will pick the harvest?"
    assert parsed.expert_role == "Agronomist at the Valley Fruit Station"
    assert [b.text for b in parsed.blocks if b.kind == QUESTION] == [
        "Who picks the apples now?",
        "Will machines help?",
    ]
    assert "Page 1" not in all_text(parsed) and "draft for the desk" not in all_text(parsed)
    assert [line.reason for line in parsed.dropped] == ["before the title: not part of the interview"]


# --- Roles, partners ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicate", "expected"),
    [
        (
            "a research fellow at the Institute of Steppe Studies. She writes on water.",
            "Research fellow at the Institute of Steppe Studies",
        ),
        ("the head of the Dr. Lee Foundation.", "Head of the Dr. Lee Foundation"),
        ("политолог, доцент университета.", "Политолог, доцент университета"),
    ],
)
def test_role_is_the_first_sentence_capitalised_without_its_article(predicate, expected):
    assert role(predicate, []) == expected


def test_rights_line_of_another_outlet_marks_partner_material():
    parsed = load("partner_rights.txt")
    assert parsed.interviewer_label == "NLM"
    assert parsed.partner == "Northern Lights Media"
    assert parsed.title.startswith("Oskar Lind:")


def test_question_label_that_is_an_outlet_is_the_partner():
    assert partner_outlet("Steppe Review", []) == "Steppe Review"
    assert partner_outlet("Q", ["© 2024 Valley Post. All rights reserved"]) == "Valley Post"
    assert partner_outlet("Aida Sultan", []) == ""


# --- Files that are not transcripts -------------------------------------------------------------


def xlsx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "notes.docx",
            xlsx(),
            "“notes.docx”: This .docx file could not be read: it is a spreadsheet (Excel .xlsx)",
        ),
        ("notes.xlsx", xlsx(), "“notes.xlsx”: This file is a spreadsheet (Excel .xlsx). Only .txt, .docx"),
        (
            "list.txt",
            b"name;role;town\nA;B;C\nD;E;F\nG;H;I\n",
            "a spreadsheet saved as text (4 rows of columns",
        ),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "does not look like text: it is a PNG image"),
        (
            "japanese.txt",
            "日本語のテキストです。質問？".encode("shift_jis"),
            "encoding could not be recognised",
        ),
        ("blank.vtt", b"", "“blank.vtt”: The file is empty"),
        ("broken.vtt", b"not a subtitle file at all", "This is not a readable WebVTT file"),
        (
            "essay.srt",
            b"1\n00:00:01,000 --> 00:00:02,000\nJust one line, no question.\n",
            "No questions were found in 1 paragraphs",
        ),
    ],
)
def test_files_that_are_not_transcripts_are_refused_with_what_was_found(name, data, message):
    with pytest.raises(TranscriptError) as caught:
        read_upload(name, data)
    assert message in caught.value.message


def test_first_name_labels_that_answer_each_question_are_speakers():
    parsed = parse_text(
        "Harbour nights\n\nAida: Who works at night?\n\nBoris: Mostly students.\n\n"
        "Aida: Why?\n\nBoris: Double pay."
    )
    assert parsed.interviewer_label == "Aida"
    assert [(e.name, e.label) for e in parsed.experts] == [("Boris", "Boris")]
    assert answers(parsed) == [(0, "Mostly students."), (0, "Double pay.")]


def test_honorifics_are_not_part_of_the_name():
    parsed = parse_text(
        "Sleep and shifts\n\nDr. Lena Park is a sleep researcher at the City Clinic.\n\n"
        "Q: Is night work harmful?\n\nPark: Over years, yes.\n\nQ: What helps?\n\nPark: Dark rooms."
    )
    assert (parsed.expert_name, parsed.expert_role) == ("Lena Park", "Sleep researcher at the City Clinic")
    assert answers(parsed) == [(0, "Over years, yes."), (0, "Dark rooms.")]


def test_a_second_expert_who_answers_once_by_full_name_is_that_answers_speaker():
    parsed = parse_text(
        "Tomas Reiter and Nadia Ormen: why the river ports are busy again\n\n"
        "Tomas Reiter is an economist at the Harbour Institute.\n\n"
        "Q: What changed this spring?\n\nReiter: Freight rates fell by a third.\n\n"
        "Q: Do the towns agree?\n\nNadia Ormen: Not all of them; the upstream ones lose pilots.\n\n"
        "Q: And next year?\n\nReiter: More barges, fewer trucks."
    )
    assert [e.name for e in parsed.experts] == ["Tomas Reiter", "Nadia Ormen"]
    assert answers(parsed) == [
        (0, "Freight rates fell by a third."),
        (1, "Not all of them; the upstream ones lose pilots."),
        (0, "More barges, fewer trucks."),
    ]
