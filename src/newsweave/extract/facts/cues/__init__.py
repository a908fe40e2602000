"""The words that state or imply casualties in an English shooting report, and the ones that unmake a count.

These are the gun-violence rules of the English pack: casualties.py (with killed.py and injured.py)
reads killed and injured in English with them (the gva-dev evaluation is English). Every other
language, and the other roles in English, are read by roles.py from the language packs in
extract/data/lang/. One module a concern, so a new cue goes where its kind is:

- ``harm``: how a death or a wound is told ("was shot and killed", "in critical condition");
- ``figures``: what a number counts, and the numbers that count no victims (ages, calibres);
- ``unnumbered``: victims told without a number ("a double homicide", a list of the people shot);
- ``scope``: whether a sentence tells of this event, and of whom (furniture, roundups, denials).

Patterns searched over a whole text open with a plain space and a look-ahead at their first
letters, not with a word boundary: Python's re then skips to the candidates and searches a few
times faster.
"""
