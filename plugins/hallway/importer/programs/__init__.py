"""Reading a conference's published program (frab/Pentabarf XML, c3voc schedule JSON, Sessionize,
pyvideo data folders) into one neutral :class:`~.model.Program`, and planning its import.

Readers are pure (a file or folder in, a :class:`~.model.Program` out); :mod:`.detect` picks the
reader; :mod:`.plan` compares a program with the knowledge base and says what to write.
"""
