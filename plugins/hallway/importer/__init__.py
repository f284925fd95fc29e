"""``hallway import``: turning blog-style conference notes into Hallway notes.

Reading (one module per input form: :mod:`.plaintext`, :mod:`.markdown_input`, :mod:`.html_input`,
:mod:`.wxr`) produces blocks (:mod:`.blocks`); :mod:`.headings` and :mod:`.names` hold the rules
for talk headings and speaker names, :mod:`.conventions` reads a whole file in each heading
convention and picks the one it follows, :mod:`.evidence` brings what the knowledge base knows
(speakers, the event's talks), :mod:`.split` finds the talks in context, :mod:`.render` writes
notes back as Markdown, and :mod:`.plan` decides what to create against the knowledge base.
"""
