"""One or two plain sentences per phase on what it does and why, for a learner."""
from engine.phases import BACKWARD, COST, FORWARD, UPDATE


def learner_note(spec, layer_count, l2=0.0):
    """The sentences for PhaseSpec `spec` of an L-layer network (HTML-safe text)."""
    l, L = spec.layer, layer_count
    if spec.kind == FORWARD:
        first = ("the inputs X (one example per column)" if l == 1
                 else f"what layer {l - 1} produced, one column per example")
        text = (f"Layer {l} takes {first}, weighs it with W[{l}] and adds b[{l}], giving Z[{l}]; "
                f"its activation function turns Z[{l}] into A[{l}]. All m examples go through "
                "in one matrix product, and nothing is learned yet.")
        if l == L:
            text += (f" A[{L}] is the network's guess: the probability that each example is "
                     "class 1.")
        return text
    if spec.kind == COST:
        text = ("The cost J scores the guesses: an example costs little when its a is close to "
                "its label y and a lot when it is confidently wrong. J is the mean over the m "
                "examples, the one number gradient descent tries to lower.")
        return text + _l2_note(l2)
    if spec.kind == BACKWARD and l == L:
        return ("Backpropagation starts at the output. With a sigmoid output and cross-entropy "
                "the slope of each example's loss with respect to z is simply a − y, the error "
                "of its guess; dW and db average every example's share, and dA passes the "
                "error down to the layer below." + _l2_note(l2))
    if spec.kind == BACKWARD:
        passes = (f" dA[{l - 1}] carries it on to layer {l - 1}." if l > 1
                  else " Layer 1 is the last one: nothing learns from the inputs' gradient.")
        return (f"By the chain rule, the error arriving from above, dA[{l}], is multiplied by "
                f"the slope of the activation at Z[{l}]: where a unit is flat (saturated, or a "
                "ReLU that is off) little or no error gets through. dW and db average over the "
                "examples as before." + passes + _l2_note(l2))
    if spec.kind == UPDATE:
        return ("Every weight and bias takes a small step against its gradient, scaled by the "
                "learning rate α: downhill on the cost. This is the only phase that changes the "
                "parameters; the next update's forward pass uses the new ones.")
    return ""


def _l2_note(l2):
    if l2:
        return f" With λ = {l2:g}, large weights cost more, so their gradients include the λ term."
    return " Here λ = 0, so the terms with λ add nothing."
