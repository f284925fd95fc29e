"""A held-out-style evaluation of ``hallway import`` on notes written in every common shape.

tests/fixtures/import/eval/ holds 404 synthetic posts (written for this test: English, German, Spanish,
Māori, Welsh, Japanese, Chinese, Korean, Turkish, Greek, Arabic, Hindi, Vietnamese, Cyrillic, Thai,
Hebrew, Mongolian, Georgian and Persian names) and truth.json with each post's talks. Posts 01-19 were written
with the importer; each later batch was first run as it was written: 20-27 (24 talks) all exact; 30-35
(19 talks) 16 exact and one spurious talk (a quoted saying attributed with a dash; ``1) Title
(Speaker)``); 40-44 (17 talks) 16 exact (a title line after a line ending with a colon); 50-54 (13
talks) 11 exact titles and 8 exact speaker lists (full-width brackets, ``Vortrag von Name: Title``);
60-64 (12 talks) 6 exact titles and 9 exact speaker lists (``Jane Doe on <title>``, Markdown links in
list items); 70-73 (13 talks) all exact; 80-81 (prose-heavy, 4 talks) all exact but one spurious talk
(``Further reading: Title – Author``); 90-92 (9 talks) 3 exact titles, 6 exact speaker lists, one
spurious talk (emoji before titles, ``Self-hosting Matrix`` read as a name); a0-a2 (10 talks) all
exact. Of those 121 talks, 103 titles and 106 speaker lists were exact the first time (85% and 88%),
with 5 spurious talks.

Then eight batches of ten posts (b-i, 230 talks) in the shapes real blogs use (flat WordPress text,
Blogger and WordPress HTML, saved pages, Markdown with front-matter, Setext headings, lightning and
Ignite blocks, open spaces, panels, tracks, prose posts full of dashes and colons): b (37 talks) 34
exact titles, 33 exact speaker lists, 1 spurious (Welsh ``ap``, Ignite presenters, an ``Open
Spaces`` heading over speakerless sub-headings); c (30) 27/26, 5 spurious (``Title—Name`` without
spaces, ``AJ`` as a given name, ``Organisers – Ann and Bob``); d (30) 29/29, 0 spurious, 5 lost
lines (Markdown front-matter); e (28) 23/22, 4 spurious (quoted and question titles, ``Jr.``, a
weekday read as a name, one bare heading in a prose post); f (24) 19/19, 6 spurious (``Speaker,
Title`` papers, pronouns in brackets, prose sections); g (27) 26/26, 5 spurious (credit lines such
as ``Project lead – Jane Doe``); h (26) 22/20, 6 spurious (``Topic – Name`` lightning lines, ``St.``
in names, ``B1)`` numbering); i (28) 25/25, 3 spurious, 2 lost (a track before the speaker, a
``Panellists:`` line). Then j (24, note lines that name people: ``Project lead – …``, ``Based on
work by …``, ``Hat tip – …``) 24/24 but 10 spurious; k (24) 11/11, 4 spurious, 1 lost (one-line
talks copied without their bullets, bold titles before names, ``Talk:`` headings, retrospective
sections); l (26) 11/11, 3 spurious, 2 lost (``Title / Name``, ``Title [Name]``, ``[Track] Title``,
a Korean post's own heading, ``_italic_`` speaker lines); m (17, shaped like real WordPress 2.x and
Markdown exports) 17/17; n (19) 9/9, 2 spurious (figure dashes and ``::``, ``, by``, ``(by Name)``,
``, presented by``, ``Name presents: Title``); o (19, DevOpsDays, normconf, Tolkien and LCA posts as
their note-takers write them) 18/18, 3 spurious (``Topic by Name`` lightning bullets); p (8) 6/6, 2
spurious (``Scaling Grafana`` read as a name, ``Session 3 (11:30):``); q (9) 7/7 (a speaker line in
brackets); r (7, long posts full of note lines) 7/7, 1 spurious (``Recommended reading: Title by
Author``); s (8) 5/5, 3 spurious (``Paper 1. Title – Name``); t (8) 8/8; u (5, pandoc Markdown) 5/5;
v (4) 0/0 (Markdown files of note lines, one paragraph each); w (5, Medium and Substack HTML) 4/4
(``GROUP BY`` ending a title); x (one post mixing every shape, 7 talks) 7/7; y (8) 8/8. Then z (32
talks: LCA WordPress and Blogger HTML, an Everything Open day in plain text, Markdown with speaker
lines and open spaces, normconf lightning talks) 27/26, 0 spurious (a last talk with no notes, ``###
Topic`` open spaces with ``TLDR:`` after speaker-line talks, ``**Name** – topic`` lightning bullets,
``Name, independent scholar``, a one-word ``by Pete`` list item); za (33) 30/30 (a Markdown table);
zb (32: Blogger spans, times, ``Presented by`` lines, Han, Greek, Cyrillic, Arabic and Devanagari
names) 30/30, 3 spurious (a flat ``Lightning talks:`` block of ``Name – topic`` lines with a
one-word name, read as talks; ``**Async Django** (Name, Company)``); zc (26, prose full of ``Hat tip
–``, ``Photo:``, ``Update –`` lines) 22/21 (``- **Name:** Title`` list items, lightning bullets with
one-word names). Then zd (29), written after the fixes for z-zc, 26/26, 5 spurious (``Vortrag: Title
– Name``, a ``Further reading`` heading over a list, a bold ``Hackathon results`` heading over one
line where the other headings name speakers); ze (26: photo credits, ``Hat tip –`` and chat lines,
panels with a moderator, handles, tracks as sections) 25/25, 0 spurious (a quoted title that reads
like a name: ``“Sindarin Verbs Revisited” – Name``). Batches z-ze: 178 talks, 160 titles (90%) and
158 speaker lists (89%) exact the first time, 8 spurious; the two written after z-zc were fixed (zd,
ze: 55 talks) 51/51 (93%), 5 spurious. Then three batches written after the fixes for zd-ze, with
the known risks put in on purpose (a heading over a ``TLDR:`` line, a one-word presenter line among
full names in a lightning block, a two-column ``Topic | Who`` table that is no programme, ``Title –
Tarquin``, ``Hat tip –``/``Photo:`` lines, titles with colons, dashes, ``by`` and quotation marks):
zf (9 posts, 32 talks: LCA 2008-2014 Blogger, WordPress and plain text, DevOpsDays open spaces,
normconf lightning talks, a Tolkien seminar, a prose-only post) 31/31, 6 spurious (a lightning
block's presenter lines after ``The ones I wrote down:``, the rows of a ``Topic | Who`` table of
discussion topics), 5 lost lines, all a saved page's furniture (``<title>``, navigation, footer,
Blogger's ``Posted by …``, which the checker now leaves out, as this docstring always said), and
``Title – Tarquin`` missed; zg (10, 37: ``Speaker – Title``, talks as list items, track prefixes,
Ignites, ``Speaker, “Title”`` papers, ``Title`` over ``Name (Company)``) 36/36, 4 spurious (an HTML
hallway-track ``Topic | Who`` table, 2 of its cells lost; ``"Why is my Django app slow?"`` over its
speaker line kept its quotation marks); zh (10, 38: ``Title: Speaker``, ``**Name:** Title``, ``Name
on title``, speakerless headings, Thai, Hebrew, Mongolian and Georgian names) 37/37, 0 spurious (a
Georgian name, whose letters Unicode files as lowercase). Batches zf-zh: 107 talks, 104 titles and
104 speaker lists (97%) exact the first time, 10 spurious, 2 lines lost (and 5 of page furniture).
Then zi (10 posts, 41 talks: LCA 2009-2019 WordPress (a saved page), Blogger and plain text,
Everything Open 2026, DevOpsDays, normconf and a Tolkien seminar, with last round's risks put in on
purpose) 33/41 titles (80%), 31/41 speaker lists (76%), 4 spurious, 0 lost, 0 refused: ``Kind words
from the chair – Rusty`` (with notes after it) read as a one-word-speaker talk; ``Stripe's keynote``
by "Stripe"; ``### Open spaces`` over ``####`` topics read as a talk (the file's convention was
headings without speakers); a normconf Markdown post whose ``##`` headings are its own sections
(``Talks I took notes in``, ``Lightning talks I liked but didn't take notes in``: 2 spurious, the
second taking the list below as its presenters), its ``**title** — Name`` paragraphs and its ``-
Title – Name`` items without notes missed (5); a Blogger ``Lightning talks`` block whose presenter
lines start with a typed ``- ``; two numbered ignites with one-word speakers (``1. Chaos engineering
on a budget – Marisol``); a last line in another shape with nothing under it (``Closing session –
Rhiannon Tupou`` after ``Title by Name`` talks). (One truth entry was corrected after: a title's
code span is markup, ``The joy of make``; that talk was missed either way.) Then zj (10 posts, 38
talks: LCA 2008-2018 as a saved WordPress page, plain text and Markdown, Everything Open 2026,
DevOpsDays Blogger HTML and list items, normconf Markdown, a Tolkien seminar, a Spanish post and a
prose-only post, with zi's open risks put in on purpose) 32/38 titles (84%), 32/38 speaker lists
(84%), 10 spurious, 1 lost, 0 refused: five sign-offs read as talks (``Off to the Penguin Dinner -
Name`` in the post's own shape, ``Happy hacking – Name`` after ``by`` and numbered talks, ``Name –
¡hasta el año que viene!``, and a prose post's only line ``Happy hacking – Name``); ``3. Ask
questions – Sam`` in a numbered list of a talk's notes (its number next to a talk's);
``Announcements from the session wrangler - Donna`` (a role not on the list); ``Pablo Ruiz Soto –
subió las fotos de la charla a Flickr`` (a note in Spanish in a ``Speaker – Title`` post); handles
as speakers, ``### title — @tinytables``, ``— kofi_builds`` (titles kept the handle: 2 spurious) and
``• Title by @ops_dani – note``, ``by mvanleeuwen`` (2 missed); titles ending in participles not on
the list, ``Systemd timers dissected``, ``Backups nobody has tested``, after a miniconf's name (2
missed); and a WordPress ``.entry-meta`` date line lost, which the importer leaves out with the
page's other furniture, as it does Blogger's ``Posted by``, and the checker now leaves out too. Then
zk (10 posts, 45 talks, by note-takers unlike the earlier ones: an LCA 2014 live blog of ``10:40
Title – Name`` lines, a normconf report of one paragraph a talk opening with ``**Name** – “Title”.``
or ``“Title” – Name.``, LCA 2019 Markdown with ``##`` days and ``###`` talks among ``### Hallway
track``/``Dinner``/``Thoughts``, DevOpsDays HTML as a ``<dl>``, Everything Open 2026 as
``<li><strong>Title</strong> by Name – note``, Vietnamese, Welsh, Māori and Arabic-script names as
``Title: Name``, an Oxonmoot post with ``Speakers: A, B and C`` lines, a post of quotes and dashes
with no talk, and zj's open risks put in on purpose) 28/45 titles (62%), 28/45 speaker lists (62%),
1 spurious, 0 lost, 0 refused: a whole normconf report of paragraphs read as prose (6 missed); a
``<dl>`` kept as one raw block (4 missed); ``2. Title – Marisol`` right after a talk's own numbered
``1.``-``3.`` notes, with the next talk a one-word one too, and lowercase handles that are English
words or first names (``3. … – grace``, ``5. … – wren``, ``<strong>Title</strong> by robin – note``:
4 missed); a bare lowercase handle in a heading (``### Scaling Prometheus — mkaur``); ``The Linux
boot process dissected by Name`` and ``Puppet manifests refactored by Name`` in a flat post with no
track (2 missed); a sign-off not on the farewell list, ``17:00 Done for the day – Ruairi Keogh``,
read as a talk. Its ``Sam`` (an Ignite presenter) then showed an old fault: a second import, knowing
Sam, read zj's ``3. Ask questions – Sam`` as a talk. Then zl (10 posts, 44 talks, with zk's open
risks put in on purpose and half the lines notes that look like talks: an LCA 2008 saved WordPress
page in the Kubrick theme, with no ``.entry-content`` and a sidebar of recent posts and a blogroll;
a saved LCA 2011 Blogger page of ``<b>Title</b><br>Name<br>`` talks, a ``Keynote`` over a name line
and a lightning block; LCA 2016 flat ``Title – Name`` lines (titles with hyphens and ``by``) ending
with a last talk with no notes; LCA 2019 Markdown ``### Title — Name``; Everything Open 2026 ``-
**Title** by Name – note`` items; a DevOpsDays ``<dl>`` with ``<dd>`` of several paragraphs; a
normconf report of ``“Title” – A. K. Mensah.`` paragraphs; a Tolkien seminar of ``Speaker: Title``
papers with colons and quotation marks in the titles; a prose-only post with two quoted book
recommendations; LCA 2015 miniconf list items with track prefixes; among the notes, ``Q: … – Name``,
``h/t Name``, ``via @someone``, ``(thanks Name!)``, ``Slides at …``, quotations with attributions,
``Original code written by Name`` credits) 37/44 titles (84%), 35/44 speaker lists (80%), 5
spurious, 7 lost (all a saved Blogger page's header, date header, sidebar and footer, outside the
post), 0 refused: ``Built for speed – Rawiri Paratene``, a last talk with no notes, taken for a
sign-off (zk's participle-and-preposition rule); ``### Rust for the embedded curious — robin`` (an
English-word handle in a heading) read as a talk without speakers, its title keeping the handle;
``**Gardening with Home Assistant** by tamsin – …`` missed (a bold ``**Lunch** – …`` item next to
it, not a talk, counted as a neighbour without a ``by``) and ``Book tip from the hallway: **The
Maintainer's Burden** by Corinne Vasquez – …`` read as a talk; an ``Ignites`` ``<dd>`` of three
``<p>`` presenters run together into one item (speakers missed); the whole normconf report missed
(4: a full stop after an initial ended the name; ``“Naming things, badly”`` and a seven-word title
taken for sayings; a ``## Lightning talks`` heading counted as a talk of another shape) and its
lightning list cut at ``- jules – …`` (2 presenters missed); two ``“Title” by Full Name. Read it…``
book recommendations in the prose post read as talks; ``• Original driver written by Ravi Shankar –
Eleni took it over…`` read as a talk. (Kubrick's sidebar was not lost but kept as the last talk's
notes; it is now dropped as the page's furniture.) Then a perturbation sweep (a script kept out of
the repository): every post retyped as other writers type the same shapes, without changing what a
reader sees as talks (spaced hyphens, en and em dashes for one another; curly and straight quotes;
``•``, ``-`` and ``*`` bullets in plain text; CRLF; trailing spaces; tabs; a blank line added or
removed after a talk line; titles in title case or sentence case), checked against the same truth:
of 2061 variants of the 340 posts, 24 (24 posts) changed results the first time, 22 of them title
case (of 232): a title that reads like a name in the post's own shape dropped, or kept whole as a
talk without speakers (13: ``Boring Dashboards — Alice Fenwick``, ``Making Go Fast, Andrew
Gerrand-Peel (Google)``, ``Мария Иванова — Мониторинг Без Боли``), or read first in another shape
(``Vortrag von Name: Netzwerke Mit Nftables`` as ``Title: Speaker``); a title-case heading or bold
line taken as the line of speakers of the heading above it (5: ``## Open Spaces`` / ``### Terraform
State Horror Stories``, ``# Day 1`` / ``### Feature Flags at Scale`` / ``by Name``,
``Spreadsheet-driven Development`` after ``talks I liked:``); ``Open Space: On-call Pay`` and
``Lightning Talks – Various Speakers`` naming people; ``Name (Trade Me) – Canary Releases`` read as
a speaker line with two affiliations; then ``Jo - why I stopped using vim`` (a two-letter presenter
before a hyphen) and ``“Excel is a database and that’s fine”`` (a curly apostrophe closing the
quotation). After the fixes no variant changes a result (nor any of 270 more with hyphens, straight
quotes, trailing spaces and CRLF together); an em dash typed without spaces everywhere
(``Title—Name``, ``Miniconf—Title``, ``9:30am—Title``) still changes 49 of 275 (tracks, times, list
items, lightning lines and report paragraphs expect spaces). Then zm (8 posts, 32 talks, written
after the sweep's fixes: an LCA 2010 saved Twenty Ten WordPress page of ``<strong>Title –
Name</strong>`` in title case among ``Followed Up Later – Name``, ``Photo Credit – Name`` and ``Hat
Tip – Name`` lines; an LCA 2016 Blogger post of ``<b>Title</b><br>Name`` with ``Jun-ho Kim`` and a
lightning block of ``Name - topic`` lines with ``Ed``; an Everything Open 2026 day in plain text
with typed hyphens, times, a track, trailing spaces and CRLF, among ``Good Question From The Floor -
Wiremu`` and ``Lunch - dumplings again``; DevOpsDays Markdown ``## Title — Name (Company)`` with
ignites and ``### Topic`` open spaces in title case; a normconf post of ``- **Name**: Title`` items
with front-matter and a sticky-note list of ``- **Overheard**: …``; a Tolkien seminar of ``Name,
"Title"`` papers among ``Gandalf, "All we have to decide…"`` and ``Reading: Christopher Tolkien,
"…"``; LCA 2008 ``Title by Name`` lines with ``Photos by Name`` and ``Bug reported by Name - …``;
LCA 2019 Markdown ``### Name - Title`` with ``### Keynote - Name``, ``### Lunch`` and ``### Hallway
Track``) 32/32 titles (100%), 31/32 speaker lists (97%), 1 spurious, 4 lost, 0 refused: ``Home Time
- Geelong to Melbourne on the last train`` after a Blogger lightning block taken as a presenter;
``Next Year - Adelaide apparently`` ending a ``Title - Name`` post read as ``Speaker - Title``; 4
lost lines, all Twenty Ten's menu (``#access``) and ``This entry was posted in …``
(``.entry-utility``), which the importer leaves out as the page's furniture and the checker now
leaves out too. In all, of 1157 talks in fresh batches (zp to zu, below, included), 997 titles
(86%) and 969 speaker lists (84%) were exact the first time, with 112 spurious talks: each batch was
fixed after with general rules, never per-string ones. A one-word speaker in plain text (e0: ``Free as in
puppies – Tarquin``) is now read when the post's other talks are ``Title – Full Name`` (or ``by``) lines
(:mod:`hallway.importer.mononyms`), and so is a numbered one among numbered talks (zi9); a note line
of that shape ending with a role at the event (``Kind words from the chair – Rusty``, read as a talk
the first time) is none. A flat post's last line in another convention with nothing under it (z2,
zi2) is now its last talk when the post has two full-name talks before it and the line's title reads
as the one-word rule asks; ``• … by Pete – the power supply`` (z9), once missed on purpose, is read
as a talk now that it must stand in the very list of the post's ``• Title by Full Name – note``
talks, next to one. After the fixes for zj (a farewell or a prose post's only line at the end signs
off; a numbered one-word line must continue the talks' own sequence; handles are one-word names; a
lowercase sentence with nothing under it is a note where titles are capitalised; a track's name or
``has`` before a participle keeps a title) and zk (``<dt>``/``<dd>`` are lines and their notes; a
one-word numbered talk found continues the sequence for its neighbour, and a known one-word speaker
must continue it too; a lowercase handle that is an English word counts where the line's number or
bold title shows a talk, a non-English one in a heading of the post's shape; a participle ends a
title where the line stands as the post's ``by`` talks do; a last line saying what the author has
done signs off; a report's paragraphs opening with speakers and a quoted title are talks) and zl (a
``<dd>``'s paragraphs are items; a saved page's sidebar, header and footer are furniture; a last
line signs off when the author's day ends, ``Calling it a night``, ``Time for bed`` (a small word
list), not for any participle and preposition; an English word is a handle in a heading where the
talk's notes use it as a name; a bold handle item is placed by the bold talks next to it, not any
bold item; a bold work after a lead-in is no talk; a participle saying who made a thing ends a
credit, not a title; initials end no sentence in a report, a title with a comma is one once the post
shows the shape, a lightning heading is no talk of another shape, and quoted works after a paragraph
about books (a small word list) are no talks; a lowercase handle between full-name presenter lines
is a presenter) and the sweep (a title that reads like a name is read as the post's talks of that
shape are, before another shape reads it; a heading is a line of speakers only when every heading of
its level holds names only; ``On-call`` is no name word, while ``Min-jun`` is; a dash after a
bracketed affiliation starts a title; ``various`` is no name word) and zm (words all among English's
commonest, ``Home Time``, ``Next Year``, are no name), all 1093 talks of the 348 posts are exact,
with no spurious talk. Then a sweep of dashes as writers type them (every spaced dash of a post, or
only those of its talk lines, turned into an em or en dash without spaces or into ``--`` with or
without spaces; an unspaced em dash spaced): of 1598 variants, 780 (of 163 posts) changed results:
an en dash or ``--`` without spaces was no separator at all (``Title–Name``, ``Title--Name``: 115
posts), and an em dash without spaces, or ``--`` with spaces, worked only in ``Title – Name``
itself, not in the rules around it (of the em dash's 49 of 275: presenter lines of lightning and
Ignite blocks, 23, and of a panel, 1; a list item's note after the name, ``• Title by Name—note``,
10; a track before the title, ``Miniconf—Title``, 8; a time, ``9:30am—Title``, 2; ``Keynote—Name``,
2; report paragraphs, ``“Title”—Name.``, 2; and a prose line, ``The keynotes—Anthony Baxter, … —were
memorable``, read as a talk). After the fixes (a line's dashes typed so are read as spaced ones, the
typed ones kept in titles, notes and unsure lines; a hyphen inside a word, a dash between digits or
single letters, ``---`` and ``--option`` are none; an en dash without spaces only on a line with no
spaced dash; after a closing quotation mark a dash needs no spaces) no variant changes a result: 0
of the whole sweep's 4334 (780 before), nor of 881 more (345 before) with those dashes and CRLF with
trailing spaces, straight quotes, or HTML's ``&mdash;`` without spaces. Then a sweep of formats as
tools convert them (the same post copied from a browser, saved as a page, exported as Markdown; a
script kept out of the repository): every HTML post copied as a browser copies it (blocks a line
each, ``•``/``◦``/``1.`` list items indented by tabs) and through markdownify; every Markdown post
rendered as CommonMark (as GitHub, Jekyll and Hugo render it) into a saved WordPress page, a Blogger
page of ``<br />`` lines, and copied from the browser; every plain-text post as HTML (``<p>`` a
line, ``<br />`` lines in one ``<p>``, both bare and in a saved WordPress page) and as the writer's
Markdown (talk lines as ``###`` headings or ``**bold**`` lines with a note after the name moved
under them, speaker lines kept, a lightning block's presenter lines and the notes as ``-`` items);
conversions that lose a line were fixed (Python-Markdown, which nests a list only under four spaces,
was replaced by CommonMark), and a removed label (``Presented by``, ``Paper 1.``) counts as no lost
line. Of 1310 variants of the 348 posts, 86 (47 posts) changed results: 44 with spurious talks, 68
with titles missed, 9 with speaker lists changed, 2 with lost lines, none refused. Plain text pasted
into a blog's editor kept its typed list markers as text of the paragraph lines (``<p>• speaker:
Name</p>``, ``<p>• Title by Name – note</p>``), read as talks or lines (42: 14 posts in each of the
three HTML forms); Markdown's soft line breaks rendered into one ``<p>`` whose source keeps them
(``<p><strong>Title</strong>`` and ``Name</p>`` on two source lines, a lightning block's ``Name –
topic`` lines, a post of note lines; 4). After the fixes (a line typed with a list marker in HTML is
a list item, as in plain text, though ``— Name`` under a title is a credit; an HTML paragraph whose
source lines are note lines is read line by line, as the Markdown reader reads it) 40 variants (34
posts) change results, none of them new: 22 are rendered Markdown copied from a browser, which drops
the bold and heading marks the post's shape relied on (``• Name: Title`` items with nested notes,
``Title — Name`` paragraphs, italic speaker lines, tables as tab-separated rows, a ``Sources``
heading read as a talk); 6 are saved pages copied from a browser (a page's title line, ``LCA 2020 –
Day 3 – Gold Coast``, read as a talk; a table; a ``<dl>``'s Ignite presenters); 4 markdownify's
output (its ``:`` definition lists, unread; link-only speaker lines); 2 a Markdown post's ``*
**Title** — Name`` items with paragraphs; 6 the writer's Markdown (a ``### Lightning talks`` heading
over bare-name items; ``### Monorepos: yes or no?`` read as ``Speaker: Title``; ``### Title –
wren``).

Then zp (10 posts, 40 talks, written after the format sweep with its open risks put in on purpose: an
LCA 2020 post copied from the browser with the page's title line, ``Title — Name`` lines and
tab-indented ``•`` notes; a saved LCA 2009 Blogger page whose speaker lines are links only, with a
lightning block of linked names; DevOpsDays Markdown with a ``### Lightning talks`` heading over
names only, ``- wren`` among them, and ``### Open spaces`` over ``#### Monorepos: yes or no?``; a
normconf post of ``* **Title** — Name`` items with paragraphs and a quotation attributed with a dash;
an Oxonmoot post of titles over speaker lines; LCA 2019 Markdown with ``### Title – wren``; a saved
Everything Open 2026 WordPress page with ``Name, Red Hat`` speaker lines; a DevOpsDays post of
``09:30 Title (Name, Company)`` lines and tables copied as tab-separated rows; LCA 2012 ``Speaker –
Title`` lines among ``Dinner –``, ``Thanks –`` and ``Photo –`` lines; a prose-only LCA 2015 post;
Korean, Japanese, Chinese, Vietnamese, Turkish, Persian, Cyrillic and Māori names) 36/40 titles (90%),
34/40 speaker lists (85%), 2 spurious, 1 lost, 0 refused: a post's first line naming its event and
year with the venue after a dash (``LCA 2020 – Day 3 – Gold Coast``, ``Oxonmoot 2019 – Lady
Margaret Hall``) read as a talk by the venue (2 spurious); ``Park Soo-ah``, a Korean given name as
its owner spells it, not in the Revised Romanisation, no name (its talk missed); the ``### Lightning
talks`` heading over names only read without presenters; ``#### Monorepos: yes or no?`` kept as a note
(``Speaker: Title`` could read ``Monorepos`` as a one-word name), and the open space after it marked a
lightning talk (the lightning block ran on past the ``### Open spaces`` group); a ``## Lightning
talks`` block with a one-word presenter (``Meg — …``) too weak a reading in a post of list items
(missed); ``(Joost van der Berg, bol.com)``, a web address as the affiliation (missed); Ignite
presenters copied as tab-separated rows, ``Sanne Bakker<TAB>Kanban for ops``, the tab read as a
space (missed); a saved page's ``<header id="masthead" class="site-header">``, the blog's name, which
the importer leaves out with the page and the checker now leaves out too (1 lost); and, not counted
here, ``DevOpsDays Wellington 2023, day one`` giving the session ``, day one``. After the fixes (a
post's first line naming an event and its year, a name before the year, is the post's title unless
list items of notes follow it; a hyphenated given name whose two parts read as Korean syllables as
people spell them, ``oo``, ``ee``, ``ou``, ``ah``, is a name word; list items of names only under a
lightning heading are its presenters, a lowercase handle among them when a full name's item follows;
a lightning block's full names vouch for its one-word presenter; an open-space group keeps a topic
another shape read with a one-word name, and ends a lightning block; a web address after a name and
a comma is an affiliation; plain-text rows of cells between tabs are a pipe table under a header of
labels, else lines whose cells a dash separates; ``#masthead`` and ``.site-header`` are furniture; a
comma after a post title's year ends the event) all 1133 talks of the 358 posts are exact, with no
spurious talk. A second import of every post into one knowledge base then changed two talks: zp2's
``Monorepos: yes or no?``, now a known title, read again by ``Monorepos`` (a known title matched by
the whole line holds the words read as names: the known talk's speakers are taken, here none), and
zh9's speakerless ``## Observability on a shoestring`` given zp2's speaker, that title now being held
by four talks (a heading naming no one is the one talk of its title without speakers, or none).

Then zq (10 posts, 43 talks, with zp's open risks put in on purpose: a saved LCA 2008 Kubrick page of
``<h3>Title – Name</h3>`` with ``Opt-in Telemetry``, ``… Firefox Add-on …`` and ``Drop-in Replacements
…``; a saved LCA 2011 Blogger page of ``<b>Title</b><br>Name`` with a ``Keynote`` over a name line and a
``Lightning talks`` block of typed ``- Home Automation`` topics; a flat DevOpsDays post opening with
``Kubernetes 2024 – Name`` over note lines, with Ignites as a table lined up with spaces; normconf
Markdown with front-matter, ``## Name: Title`` and a lightning heading over title-case topics; a Tolkien
seminar of ``A.``-``D.`` headings with ``• speaker:`` bullets; Everything Open 2026 Markdown of
``## Title: Name`` with ``Name's keynote``; LCA 2015 ``• Miniconf – Title by Name – note`` items; DevOpsDays
Blogger ``<b>Name – Title</b>`` with open spaces and ``TLDR:`` lines; LCA 2018 title and speaker lines
with a lightning block; a prose-only LCA 2013 post; Cyrillic, Han, Hangul, Greek, Arabic and Devanagari
names, particles) 42/43 titles (98%), 38/43 speaker lists (88%), 0 spurious, 0 lost, 0 refused: both
title-case topic lists read as presenters (2); ``Kubernetes 2024 – Name`` over note lines taken for the
post's title (missed); the Ignites table lined up with spaces read as a presenter ``Topic`` (its
header's last cell), and with tabs it would have stayed a table naming no one; ``Closing: see you all in
Christchurch next year.`` after the lightning block's ``Name – topic`` lines read as a one-word
presenter. ``Opt-in`` and ``Add-on`` did no harm here (the headings' shape settled them) but were still
name words. After the fixes (items of a lightning list whose every word is a common English word, ``Home
Automation``, name no one; a one-word presenter line must separate as the block's first line does, a
colon ending a block of dash lines; a flat post's first line with two note lines right under it, no
blank line between, is a talk where the post's other talks have note lines so; rows lined up in columns
with spaces, some gap of three or more, are rows of cells as tabbed ones are, and a table with a
presenter column under a lightning heading names its presenters; a hyphenated given name's first part
must be a syllable too, so ``Opt-in`` is no name word while ``Hsiao-mei`` and ``Tsz-hin`` are) all 1176
talks of the 368 posts are exact, with no spurious talk. That first rule read a list of names made of
common words (``John Smith``, ``Sarah Jones``, ``Ben Harrow``) as topics too, so at least half the items
must also have a word no name has (a lowercase word, or an ending such as ``-tion``, ``-ing``,
``-ible``, ``-ogy``). Still open: a post's title line with a name after a dash and two lines right under it
(``Posted on …`` / ``Filed under …``), in a post whose talks have note lines under them, reads as a
talk; a one-word presenter typed with a colon among dash lines stays a note; a table lined up with
single gaps of two spaces stays lines; title-case topics with a rare word (``- Terraform Tips``) still
read as presenters.

Then zr (10 posts, 46 talks, by note-takers unlike the earlier ones, with co-presenters joined by ``&``,
``/``, commas and ``and``, names of common words (``Grace Hill & Will Fisher``, ``Mark Baker``, ``John
Smith``, ``Rose Hill``, ``Mark King``), ``Mac Giolla Bhríde``, ``O’Brien-Kelly``, ``D’Souza``, pronouns
and affiliations, Cyrillic, Greek, Han, Hangul, Arabic and Devanagari names and ``陈静怡 (Jingyi Chen)``: a
saved LCA 2008 Kubrick page of ``<strong>Title</strong> – Names`` paragraphs over lists; LCA 2012 typed
all in lowercase on a phone, ``btrfs in anger - kate mcintyre``; Everything Open 2026 Markdown with
front-matter, ``## Name (they/them): Title: with colons`` and ``## Keynote`` over a name line; a
DevOpsDays programme as a ``Time | Title | Speaker | Notes`` table with its breaks; a normconf ``Name –
Title`` post with indented notes and a lightning block; a saved Tolkien seminar page of ``<h3>1.
Title</h3>`` over ``speaker:`` items; LCA 2016 ``* Miniconf – Title by Names – note`` items; a saved LCA
2019 Blogger page of titles over speaker lines with ``Annika Sorensens keynote``; a chatty DevOpsDays
post of ``Title: Name, SRE lead at Kiwibank`` lines, Ignites and ``TLDR:`` open spaces; a prose-only LCA
2017 post with ``Dinner –`` and ``See you there – John Smith, I owe you a beer``) 41/46 titles (89%),
40/46 speaker lists (87%), 5 spurious, 2 lost, 0 refused: the lowercase post's names were no names (its
capital letters are what tells a name), so three talks kept ``- kate mcintyre`` in a title with no
speakers (3 spurious) and ``the linux graphics stack - mark king`` was a sentence (4 missed); the
table's ``| 10:45 | Morning tea | | |`` and ``| 12:00 | Lunch | | |`` rows read as talks (2 spurious)
and a speaker cell's ``(she/her)`` was lost; a plain-text lightning block of ``Name – topic`` lines,
written line under line, ran past a blank line into the next talk, ``Jess MacPherson – Boring Tools,
Happy Teams`` with its own notes, as a fifth presenter (the talk missed, the block's list wrong);
``<strong>Title</strong> – Dr Aditi Deshmukh (Intel)``, read as a one-line talk, dropped ``(Intel)`` (1
lost). After the fixes (in a post written in lowercase, at least 30 words and at most 3 in 100
capitalised, acronyms aside, a lowercase word is judged as a name word as its capitalised form is and
the name kept as written, and a title may open with ``the`` or ``a``; a programme table's row with no
speaker whose title is a break, ``Morning tea``, ``Lunch``, is a note of the talk before it; a bracket
in a table's speaker cell is kept in the notes, as an affiliation or pronouns are elsewhere; a presenter
line after a blank line, with two note lines of its own, ends a block written line under line; an
affiliation in brackets after a one-line talk's speakers is kept as its byline) all 1222 talks of the
378 posts are exact, with no spurious talk. Then the same speaker lists probed as other writers type
them (a script kept out of the repository): every plain-text and Markdown post typed all in lowercase
(955 talks) had 78 exact speaker lists without the lowercase rule and 840 with it, and 869 (spurious
talks 256, then 18) after its refinements (a double-barrelled lowercase name, ``brandt-hughes``, is one,
a compound, ``on-call``, ``self-hosted``, is none; lowercase words all common English, one with a
topic's ending, ``mesh networking``, ``further reading``, are no name; ``vs`` is no name word; lettered
talks, ``a.``, keynote, panel and lightning lines, and ``the …`` titles before ``by``, are read in a
lowercase post); beside a dash a slash was read as the cut between title and names (``Title – A / B``,
``A / B – Title``: one speaker); in list items and lightning lines, initials (``• Title by J. R. Hartley
and A.J. Smith – note``), a romanised name or pronouns in brackets (``陈静怡 (Jingyi Chen) & Mark Baker –
topic``, ``Jane Doe (she/her) – topic``) and an affiliation after a comma (``Jane Doe, Principal
Engineer at Xero – …``) lost a speaker, the talk or the block; all now read (a slash beside a dash joins
names; a list item's names end at the dash before its note, else at the first cut after which they read,
an affiliation kept as the byline). Still open: a lowercase name in a capitalised post (``Title – kate
mcintyre``) is no name (a handle rule may read a one-word one); in a lowercase post, ``john fielding``
reads as a topic, and prose lines whose lowercase words read as a name still make talks (``the venue: a
converted wool store – very nice``), as do ``vortrag von name: titel`` lines; a post in lowercase reads
a two-word lowercase title as a name would be read (``wayland everywhere - mark king`` is settled by the
post's shape, as ``Boring Dashboards — Alice Fenwick`` is); only breaks on a short list (tea, lunch,
coffee, drinks, registration, changeover) are dropped from a table, so ``| 09:00 | Welcome | |`` is
still a talk with no speakers; ``Jane Does keynote`` names ``Jane Doe`` only where the post or the
knowledge base names her so.

Then zs (10 posts, 40 talks, in the forms personal blogs are saved or exported in, with zr's open
risks put in on purpose: an LCA 2009 WordPress post from the classic editor, ``<strong>Title –
Name</strong>`` over lists, with ``Packaging Is Politics – lena schwartz``; a saved LCA 2011 Blogger
page of ``<b>`` titles over ``<br>`` speaker lines, ``Keynote`` over a name line, ``Hannah Fischers
keynote`` named nowhere else and a lightning block ending ``Wiremu – …`` before ``Read more: Title by
Name``; Everything Open 2026 Jekyll Markdown of ``## Name: Title: with colons`` and ``## Afternoon
tea``; a DevOpsDays Hugo post with TOML front-matter and a programme table opening ``| 09:00 | Welcome
| | |``, then ``TLDR:`` open spaces; a normconf Obsidian note of ``speaker: [[Name]]`` lines and
``#tags``; a Tolkien seminar on Dreamwidth, ``<lj-cut>`` round ``<h3>B. Title</h3>`` and ``• speaker:``
paragraphs, one per speaker; an LCA 2014 mailing-list reply of ``Title: Name`` lines among ``From:``,
``Subject:`` and ``Date:`` headers, ``>`` quotes and a ``-- `` signature; an LCA 2017 Mastodon thread of
``2/ Name – Title`` posts; LCA 2018 WordPress text copied from the editor's Text tab, ``<li>Kernel –
Title by Name – note</li>``; a prose-only LCA 2010 post; Greek, Cyrillic, Han, Hangul, Arabic and
Devanagari names, ``Mac Cárthaigh``, ``Ní Bhriain``, ``J. K. Okafor``, ``Rose Hill``, ``Mark King``,
and among the notes ``Q: … – Name``, ``h/t Name``, ``Photo – Name``, ``Slides:``, quotations with
dashes and ``Read more: Title by Name``) 31/40 titles (78%), 24/40 speaker lists (60%), 8 spurious, 1
lost, 0 refused: the thread's counters were kept (``2/ Name – Title`` and ``4/ …`` missed, ``6/
Keynote`` and ``7/ Lightning talks`` titled so: 2 spurious); the Obsidian note's wiki links were no
names (4 talks without speakers); tracks without the word ``miniconf`` stayed in the titles
(``Open Hardware – Soldering for Beginners``: 4 spurious); ``| 09:00 | Welcome | | |`` and ``–
lena schwartz``, open risks, were a talk without speakers each (2 spurious); a second ``•
speaker:`` item was a note; ``Wiremu`` was cut from the end of a block not followed by a talk;
``Hannah Fischers keynote`` gave ``Hannah Fischers``; Jekyll's ``date: 2026-01-20 21:30:00 +1100``,
no YAML timestamp, lost its time (1 lost) and, not counted, Hugo's ``+++`` front-matter was read as
text. The email (headers, quotes, signature and all) and the prose post were exact. After the
fixes (a thread's post counters come off when at least three paragraphs open with them in order;
wiki links read as the text they show; TOML front-matter, and a date's time kept; where every talk
naming speakers opens with a short capitalised name and a dash, the name is its track; a table's
housekeeping rows without speakers, ``Welcome``, ``Closing remarks``, are notes, as breaks are; a
numbered talk takes every ``speaker:`` item after its first; a block's last one-word presenter
stays when the word is no common English word; a lowercase name on a line of a capitalised post's
own shape, among two full-name talks, when it reads as a name in lowercase and has a word rare in
English) all 1262 talks of the 388 posts are exact but one speaker list, with no spurious talk. A
second import of every post into one knowledge base then left the four tracked talks without their
session (4 conflicts): a known talk's line gives its track too now.
Still open: ``Hannah Fischers keynote`` (a possessive without its apostrophe; ``Serena Williams
keynote`` is the same shape, so the ``s`` stays unless the post or knowledge base names her so);
a lowercase name of common words in a capitalised post (``– mark king``) is still no name; the track
rule would take a short lead-in off every title of a post whose titles all have one before a
capitalised subtitle (``Git – The Hard Parts by …``); a rare one-word note after a lightning block
(``Kōrero – …``) now reads as its last presenter.

Then zt (10 posts, 49 talks, ordinary personal posts as they were published: a saved LCA 2013 Twenty
Twelve WordPress page of ``<strong>Title – Name</strong>`` paragraphs under ``Morning``, ``After lunch``
and ``Thoughts``, with readers' comments; a saved LCA 2010 Blogger page of ``<b>Title</b> by Name<br />``
lines with typed ``- `` notes, comments and older/newer links; a saved LCA 2008 LiveJournal page of
``<b>Name: Title</b>`` lines with an ``<lj user="…">`` and ``Current Mood:``; LCA 2015 plain text of
``Sysadmin Miniconf: Title - Name``; LCA 2017 Jekyll Markdown of ``## Title`` over ``*Name, Company*``;
an LCA 2019 day of ``Name’s keynote``, ``<h3>Title by Names</h3>`` and a lightning list with a one-word
presenter; Everything Open 2026 Markdown of ``### Speaker – Title`` under ``## Morning``/``## After
lunch``; DevOpsDays plain text of ``Title by Name``, Ignites and ``TLDR:`` open spaces; normconf
Markdown of ``**Title** – Name`` paragraphs; a Tolkien seminar of ``Title: Subtitle – Dr Name
(University)`` papers; Q&A, ``Slides:`` and code lines, asides naming people, ``Mark King``, ``Rose
Hill``, ``Paul Young``, ``ap Rhys``, ``van der Westhuizen``, ``Choi Jae-won``, ``王小明``) 49/49 titles
(100%), 48/49 speaker lists (98%), 0 spurious, 25 lost, 0 refused: the Ignites' ``- Name: topic`` items
after a sentence under the heading (``After lunch, five minutes each, slides on a timer.``) named no
presenters; the 25 lost lines were all readers' comments, Twenty Twelve's ``#secondary`` widgets and
Blogger's older/newer links, outside the post, which the importer leaves out and the checker now leaves
out too. Not counted: the LiveJournal page has no ``.entry-content``, so its control strip, header, mood
lines, comments and footer went into the post and the last talk's notes, and ``<lj user="kerryoz">``, a
tag without an end, lost the name and cut its line in two. After the fixes (one sentence ending with a
full stop or a colon between a lightning heading and its presenter lines is a lead-in; a LiveJournal
page's post is its ``.entry_text``, Movable Type's its ``.asset-body``, ``.currents`` are furniture, and
``<lj user>`` or Dreamwidth's ``<user name>`` is the name in its line) all 1311 talks of the 398 posts
are exact but zs1's speaker list, with no spurious talk. Still open: a LiveJournal page's title keeps
the journal's name (``penguinmug: LCA day 2: …``); plain-text section lines (``Open spaces``,
``Thoughts``) and a post's closing paragraph stay notes of the talk before them; only one lead-in line,
a sentence, is passed over before presenter lines.

Then zu (6 posts, 26 talks, ordinary personal posts with zt's open risks put in where a writer would
put them: LCA 2009 plain text of ``Title – Speaker`` lines under ``Mereana Parkers keynote`` (her
first name only in its notes), ending with a ``Thoughts`` line and a closing paragraph; Everything Open
2026 Markdown with front-matter, ``Speaker: Title`` lines over ``-`` notes, ``Lightning talks`` over
``- Name – topic`` items and a last paragraph of thanks; DevOpsDays plain text of ``Title by Speaker``,
then a plain ``Open spaces`` line over topic lines with ``-`` notes (no ``TLDR:``) and a closing
paragraph; a normconf post of ``• Title – Speaker – note`` items and a lightning list; a saved LCA 2016
Twenty Fifteen page of ``<strong>Title</strong><br />Speaker`` paragraphs with ``Keynote`` over a name;
a Tolkien seminar in Markdown of bold titles over speaker lines with ``Dr``, ``Prof.``, ``Ó Briain``
and a ``## Thoughts`` section) 20/26 titles (77%), 19/26 speaker lists (73%), 0 spurious, 0 lost, 0
refused: the four ``• Title – Speaker – note`` items were read as none (only ``• Title by Speaker –
note`` and ``• Title – Speaker`` over nested notes were talks in one item); the two open-space topics
stayed notes of the talk before (``OPEN_SPACE`` knew ``Open space`` but not ``Open spaces``, and a
topic line needed a ``TLDR:`` under it); ``Mereana Parkers keynote`` gave ``Mereana Parkers`` (an
open risk). After the fixes (a list item's title before its first spaced dash, full names up to the
next, a note after them, is a talk, and a title that reads as a name, ``Just Use Postgres``, is one
only beside such an item whose title does not; after a plain ``Open spaces`` line, a short capitalised
line, no sentence, right over list items is a topic without speakers, until the next talk) all 1337
talks of the 404 posts are exact but zs1's and zu0's speaker lists (possessives without apostrophes),
with no spurious talk. Then ``<name> keynote`` with no evidence either way reads the surname: its s
is a possessive's where the word is rarer with it than without (wordfreq: ``Fischers``, ``Parkers``)
or an everyday word so (``Does``, as the issue's ``Jane Does keynote``), and stays on ``Jones``,
``Harris`` and double-barrelled names: all 1337 talks of the 404 posts are exact. Still open:
``Serena Williams keynote`` (rarer with the s, so read as Serena William) when neither the post nor
the knowledge base names her; plain ``Thoughts`` lines and closing paragraphs still stay notes of
the last talk (in zu0 and zu2 they cost nothing measured); a topic line after ``Open spaces`` with a
paragraph under it rather than list items or ``TLDR:`` stays a note.

The checker imports each post into an empty knowledge base and measures what a user would: the
share of talks with exactly the right title and exactly the right speaker list (each must be at
least 95%), refused files, spurious talks (not in the truth), and lost lines (input lines whose
words appear in no written file; a saved page's ``<title>``, navigation and footer are not the post's).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from hallway.core.authoring.safe_writer import write_new_files
from hallway.core.kb.loader import load
from hallway.core.problems import HallwayError
from hallway.importer.inputs import read_input
from hallway.importer.plan import Options, make_plan

from .kbfixtures import hallway, make_kb, mkdocs_build

EVAL = Path(__file__).parent / "fixtures" / "import" / "eval"
TRUTH: dict[str, list[list[object]]] = json.loads((EVAL / "truth.json").read_text(encoding="utf-8"))
_WORD = re.compile(r"\w+")
#: Words a heading's structure uses (``Title by Name``, ``speaker: Name``), not its content.
_STRUCTURE = frozenset({"by", "and", "speaker", "speakers", "presenter", "presenters", "vortrag", "von",
                        "演讲者"})


#: A saved page's furniture (its ``<title>``, navigation, footer, Blogger's "Posted by … at …", WordPress's
#: ``.entry-meta`` date and author line, the blog's header and sidebar, Blogger's date header, the
#: Kubrick theme's "posted in" line and links to the next post, Twenty Ten's menu and "This entry was
#: posted in …" line, the site header of later themes, ``#masthead``, readers' comments, Twenty Twelve's
#: ``#secondary`` widgets, Blogger's links to older and newer posts, a LiveJournal page's control strip,
#: journal header, entry header and footer and "Current Mood:" lines), not the post.
_FURNITURE = ("head, nav, footer, .post-footer, .entry-meta, #header, #header-wrapper, #masthead,"
              " .site-header, #sidebar, .sidebar, #sidebar-wrapper, #footer, #footer-wrapper, .date-header,"
              " .postmetadata, .navigation, #access, .entry-utility, #comments, .comments, #secondary,"
              " #blog-pager, #lj_controlstrip, .journal-header, .entryHeader, .entryFooter, .currents,"
              " .footer")


def _input_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        soup = BeautifulSoup(text, "html.parser")
        for element in soup.select(_FURNITURE):
            element.decompose()
        text = soup.get_text("\n")
    return [line for line in text.split("\n") if _WORD.search(line)]


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text.replace("\\", ""))}


def _content_words(line: str) -> set[str]:
    """The words of an input line that must reach some written file (markers and ``by`` aside)."""
    return {w for w in _words(line) if len(w) > 2 and w not in _STRUCTURE}


def evaluate(tmp: Path) -> dict[str, object]:
    titles = speakers = expected = spurious = lost = 0
    refused: list[str] = []
    problems: list[str] = []
    for name, truth in TRUTH.items():
        kb = make_kb(tmp / name, {})
        try:
            docs = read_input(EVAL / name, name)
            plan = make_plan(kb, docs, Options(event="evalcon", event_name="Eval Con 2026"),
                             progress=lambda _text: None)
        except HallwayError:
            refused.append(name)
            continue
        got = [(e.title, e.speakers) for e in plan.talks]
        want = [(str(title), list(map(str, names))) for title, names in
                ((t[0], t[1]) for t in truth) if isinstance(names, list)]
        expected += len(want)
        got_titles = [t for t, _ in got]
        titles += sum(1 for title, _ in want if title in got_titles)
        speakers += sum(1 for pair in want if pair in got)
        spurious += sum(1 for title in got_titles if title not in {t for t, _ in want})
        written = set().union(*(_words(text) for text in plan.files.values())) if plan.files else set()
        lost += sum(1 for line in _input_lines(EVAL / name) if not _content_words(line) <= written)
        write_new_files(kb, plan.files)
        _kb, found = load(kb)
        problems += [f"{name}: {p}" for p in found if p.severity == "error"]
    return {"talks": expected, "exact_titles": titles / expected, "exact_speakers": speakers / expected,
            "refused": refused, "spurious": spurious, "lost_lines": lost, "check_errors": problems}


def test_held_out_style_evaluation(tmp_path: Path) -> None:
    result = evaluate(tmp_path)
    print("import evaluation:", result)
    assert result["talks"] == 1337
    assert result["refused"] == [] and result["check_errors"] == []
    assert isinstance(result["exact_titles"], float) and result["exact_titles"] >= 0.95
    assert isinstance(result["exact_speakers"], float) and result["exact_speakers"] >= 0.95
    assert result["spurious"] == 0
    assert result["lost_lines"] == 0


@pytest.mark.build
def test_all_evaluation_posts_in_one_knowledge_base_pass_check_and_a_strict_build(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb", {})
    args = [str(EVAL / name) for name in TRUTH] + ["--event", "evalcon", "--event-name", "Eval Con 2026"]
    result = hallway("import", *args, "--kb", str(kb))
    assert result.returncode == 0, result.stderr
    # importing again, now that every talk is known to the knowledge base, changes nothing
    again = hallway("import", *args, "--kb", str(kb))
    assert "nothing to do: these notes are already imported" in again.stdout
    check = hallway("check", "--strict", "--kb", str(kb))
    assert check.returncode == 0, check.stdout + check.stderr
    build = mkdocs_build(kb)
    assert build.returncode == 0, build.output
    page = build.page("talks/evalcon/datenschutz-im-verein/")
    assert "Jürgen Weißmüller" in page.get_text()
