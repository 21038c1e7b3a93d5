"""Timers and commands for later: a persistent store (store.py), when each is due (times.py), the pipeline's
side that adds them and answers (planner.py), and the service's side that runs them (runner.py)."""
