"""Writes the oracle for src/report/npy.ts: what numpy itself writes.

- npy/float64_2x3.npy and npy/int64_4.npy: np.save of two tiny arrays, whole
  files, compared byte for byte with our writer's output on the same values.
- npy-headers.json: the header numpy writes (magic, version, length, the dict
  and its padding) for the shapes the exports use and a few edge shapes,
  without the data, so the big MNIST shapes need no big files in the repo.

Run: python3 test/golden/make_npy_golden.py (needs numpy)
"""

import io
import json
import pathlib
import platform

import numpy as np

HERE = pathlib.Path(__file__).parent
NPY = HERE / "npy"

FLOAT64_2X3 = np.array([[0.1, -2.5, 1e300], [3.0, -0.0, 5e-324]], dtype="<f8")
INT64_4 = np.array([0, 1, -7, 2**40], dtype="<i8")

# shapes as (descr, shape): the exported MNIST split and toy set, then edges
# of the header's padding (a row count with many digits leaves less spare room;
# 2**53 - 1 is the largest a JavaScript number holds exactly)
HEADER_CASES = [
    ("<f8", (8000, 784)),
    ("<f8", (2000, 784)),
    ("<f8", (5, 4)),
    ("<i8", (8000,)),
    ("<i8", (5,)),
    ("<f8", (0, 784)),
    ("<f8", (1, 1)),
    ("<f8", (123456789012, 3)),
    ("<i8", (9007199254740991,)),
    # 15 axes: the spare room alone moves the data from byte 128 to 192
    ("<f8", (1,) * 15),
    # 36 axes: the header ends exactly on a multiple of 64, and numpy pads 64 more
    ("<f8", (7,) * 36),
]


def saved_bytes(array):
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def header_bytes(descr, shape):
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, {"descr": descr, "fortran_order": False, "shape": shape})
    return buffer.getvalue()


def main():
    NPY.mkdir(exist_ok=True)
    for name, array in [("float64_2x3", FLOAT64_2X3), ("int64_4", INT64_4)]:
        data = saved_bytes(array)
        # np.save chooses version 1.0 for these, so the header writer below is the same one
        assert data.startswith(header_bytes(array.dtype.str, array.shape))
        (NPY / f"{name}.npy").write_bytes(data)
    headers = [
        {"descr": descr, "shape": list(shape), "header_hex": header_bytes(descr, shape).hex()}
        for descr, shape in HEADER_CASES
    ]
    golden = {
        "generator": f"numpy {np.__version__}, python {platform.python_version()}",
        "array_align": np.lib.format.ARRAY_ALIGN if hasattr(np.lib.format, "ARRAY_ALIGN") else 64,
        "headers": headers,
    }
    (HERE / "npy-headers.json").write_text(json.dumps(golden, indent=2) + "\n")


if __name__ == "__main__":
    main()
