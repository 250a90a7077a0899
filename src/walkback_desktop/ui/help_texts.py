"""Texts for the Help menu. Written by us, so they may contain markup."""

SAFETY_GUIDE_HTML = """
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
"""

ABOUT_HTML = """
<h2>WalkBack {version}</h2>
<p>A coach for timed backward-walking (retro-walking) workouts: big countdowns, beeps,
spoken cues and form tips, a log of every session and a progress report for your
physiotherapist.</p>
<p>Energy estimates use the 2011 Compendium of Physical Activities.</p>
"""
