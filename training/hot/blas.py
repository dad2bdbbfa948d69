"""Pins OpenBLAS's own worker threads to the job's thread count. Import and call BEFORE importing torch.

Debian's PyTorch uses the OpenBLAS pthread build, whose worker threads are separate from PyTorch's
(torch.set_num_threads does not reach them): a job run with one PyTorch thread still kept a second core
busy. Measured here: two concurrent training jobs ran 50 steps in 0.61 / 0.41 min with OpenBLAS pinned to one
thread, 0.81 / 0.65 min without."""
import os


def pin_blas_threads(argv, default="1"):
    """Sets OPENBLAS_NUM_THREADS from a --threads N / --threads=N argument (else `default`), unless the
    environment already sets it."""
    n = str(default)
    for i, a in enumerate(argv):
        if a == "--threads" and i + 1 < len(argv):
            n = argv[i + 1]
        elif a.startswith("--threads="):
            n = a.split("=", 1)[1]
    os.environ.setdefault("OPENBLAS_NUM_THREADS", n)
    return n
