"""The window's side of the lessons (engine/lessons/): the Lessons menu, the panel that
shows a lesson's explanation and its steps, and applying a lesson's settings."""
