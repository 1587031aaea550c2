"""Lessons: a small versioned JSON format that sets up a classic experiment (data,
network, initialisation, hyperparameters), explains it, offers steps the window can apply,
and makes a claim the engine checks headlessly with a measured figure.

resources/lessons/FORMAT.md describes the format for lecturers who write their own.
"""
