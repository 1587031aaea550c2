"""The fast route for running many updates: the same math as engine/backprop.py, with tricks.

Read engine/backprop.py for the math; this package only makes it cheaper to repeat.
With layers of a few units, each NumPy call costs about a microsecond whatever it
computes, so an update here makes as few calls as it can:
- W[l] and b[l] are views into one block [W[l] b[l]] (engine/parameter_blocks.py), and
  each A[l-1] sits on top of a row of ones, so Z[l] = W[l] A[l-1] + b[l] is one product
  and so are dW[l] with db[l] together;
- each phase is a tuple of NumPy calls bound once to preallocated buffers (steps.py);
- numbers go in as read-only 0-d arrays, which NumPy converts faster than Python floats.
tests/engine/test_fast_path.py checks it against backprop.py after every phase.
"""
