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
        if l2:
            return text + (f" With λ = {l2:g}, J also adds (λ/2m) times the sum of every squared "
                           "weight, so large weights cost more.")
        return text + " Here λ = 0, so the term with λ adds nothing."
    if spec.kind == BACKWARD:
        if l == L:
            text = ("Backpropagation starts at the output. With a sigmoid output and "
                    "cross-entropy the slope of each example's loss with respect to z is simply "
                    "a − y, the error of its guess; dW and db average every example's share.")
        else:
            text = (f"By the chain rule, the error arriving from above, dA[{l}], is multiplied "
                    f"by the slope of the activation at Z[{l}]: where a unit is flat (saturated, "
                    "or a ReLU that is off) little or no error gets through. dW and db average "
                    "over the examples as before.")
        if l > 1:
            text += f" dA[{l - 1}] passes the error on to layer {l - 1}."
        else:
            which = ("This is the only layer (logistic regression)" if L == 1
                     else "Layer 1 is the last one")
            text += (f" {which}: no dA[0] is computed, since the inputs X are data, not "
                     "something to learn.")
        if l2:
            return text + (f" With λ = {l2:g}, dW[{l}] also gets (λ/m) W[{l}], which pulls large "
                           f"weights toward 0; db[{l}] does not.")
        return text + " Here λ = 0, so the term with λ adds nothing."
    if spec.kind == UPDATE:
        return ("Every weight and bias takes a small step against its gradient, scaled by the "
                "learning rate α: downhill on the cost. This is the only phase that changes the "
                "parameters; the next update's forward pass uses the new ones.")
    return ""

