"""Texts for the Help menu. Written by us, so they may contain markup (and they
never include user text). Translated where shown: call the functions."""

from __future__ import annotations

from walkback_desktop.i18n import N_, _

SAFETY_GUIDE_HTML = N_("""
<h2>Walking backwards safely</h2>
<ul>
<li><b>Clear a straight path</b> of at least 5 metres: no rugs, cables, pets or steps.</li>
<li><b>Glance over your shoulder</b> every few steps; walk along a wall or counter you can
touch if your balance is unsure.</li>
<li><b>On a treadmill</b>: clip on the safety key, hold both handrails, start the belt at
its slowest speed and stand on the side rails before it moves.</li>
<li><b>Stop</b> at once if you feel pain (more than mild, settling discomfort),
dizziness, chest pain or shortness of breath beyond what you expect.</li>
<li>Wear flat, closed shoes. Keep steps short and controlled.</li>
<li>If you are recovering from an injury or operation, ask your physiotherapist or doctor
which routines suit you.</li>
</ul>
<p>WalkBack is a training aid, not medical advice.</p>
""")

ABOUT_HTML = N_("""
<h2>WalkBack {version}</h2>
<p>A coach for timed backward-walking (retro-walking) workouts: big countdowns, beeps,
spoken cues and form tips, a log of every session and a progress report for your
physiotherapist.</p>
<p>Energy estimates use the 2011 Compendium of Physical Activities.</p>
""")

USER_GUIDE_HTML = N_("""
<h2>Using WalkBack</h2>
<p><b>Today</b> shows your week against your goal and the next walk; <b>Routines</b> lists
the walks you can do; <b>Workout</b> plays one; <b>History</b> lists every session;
<b>Progress</b> charts your weeks; <b>Settings</b> holds your weight, goal, sound and
text size.</p>
<h3>Keys</h3>
<ul>
<li><b>Ctrl+1</b> to <b>Ctrl+6</b>: go to a page; <b>F11</b>: full screen.</li>
<li><b>Tab</b> and <b>Shift+Tab</b> move between controls, also out of tables;
arrow keys move inside a list or table.</li>
<li>During a workout: <b>Space</b> pauses and resumes.</li>
<li>History: <b>F2</b> edits a cell, <b>Delete</b> removes the selected sessions,
<b>Ctrl+Z</b> brings them back, <b>Ctrl+L</b> logs a walk by hand.</li>
<li>Every menu item has an underlined letter: press <b>Alt</b> and that letter.</li>
</ul>
""")


def safety_guide_html() -> str:
    return _(SAFETY_GUIDE_HTML)


def user_guide_html() -> str:
    return _(USER_GUIDE_HTML)


def about_html(version: str) -> str:
    return _(ABOUT_HTML).format(version=version)
