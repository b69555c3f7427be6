// Small C entry points, implemented in C++ in shim.cc, for what the HiGHS 1.10 C API
// lacks or provides unsafely.
#ifndef MINERALPLAN_HIGHS_SHIM_H
#define MINERALPLAN_HIGHS_SHIM_H

#ifdef __cplusplus
extern "C" {
#endif

// mpIis holds an irreducible infeasible subsystem: the indices of its columns and
// rows and, for each, which bounds take part (HiGHS IisBoundStatus codes). The
// arrays are allocated with malloc; release them with mpFreeIis.
typedef struct {
  int num_col;
  int num_row;
  int* col_index;
  int* col_bound;
  int* row_index;
  int* row_bound;
} mpIis;

// mpGetIis calls Highs::getIis on the Highs object behind a C API pointer and copies
// the result into out. It returns the HighsStatus as an int (-1 error, 0 ok,
// 1 warning); on error out holds no arrays.
int mpGetIis(void* highs, mpIis* out);

// mpFreeIis releases the arrays of iis and zeroes it.
void mpFreeIis(mpIis* iis);

// mpColName and mpRowName return the name of a column or row, or NULL if the model
// has no names or the index is out of range. The string belongs to HiGHS and is
// valid until the model changes. Unlike Highs_getColName they need no buffer of
// bounded size.
const char* mpColName(const void* highs, int col);
const char* mpRowName(const void* highs, int row);

#ifdef __cplusplus
}
#endif

#endif
