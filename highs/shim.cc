// Implementation of shim.h on top of the HiGHS C++ API. The void* handles of the
// C API point to Highs objects (Highs_create returns new Highs), so they can be cast
// back. No C++ exception may escape to the C (and Go) callers.
#include "shim.h"

#include <cstdlib>
#include <malloc.h>
#include <string>
#include <vector>

#include "Highs.h"

namespace {

// copyInts returns a malloc'd copy of v as C ints, or nullptr if v is empty or
// allocation fails (ok is then set to false).
int* copyInts(const std::vector<HighsInt>& v, bool& ok) {
  if (v.empty()) return nullptr;
  int* p = static_cast<int*>(std::malloc(v.size() * sizeof(int)));
  if (p == nullptr) {
    ok = false;
    return nullptr;
  }
  for (size_t i = 0; i < v.size(); i++) p[i] = static_cast<int>(v[i]);
  return p;
}

const char* name(const std::vector<std::string>& names, int i) {
  if (i < 0 || static_cast<size_t>(i) >= names.size()) return nullptr;
  return names[i].c_str();
}

}  // namespace

extern "C" int mpGetIis(void* highs, mpIis* out) {
  *out = mpIis{};
  try {
    HighsIis iis;
    HighsStatus status = static_cast<Highs*>(highs)->getIis(iis);
    if (status == HighsStatus::kError || !iis.valid_) {
      return static_cast<int>(HighsStatus::kError);
    }
    bool ok = true;
    out->num_col = static_cast<int>(iis.col_index_.size());
    out->num_row = static_cast<int>(iis.row_index_.size());
    out->col_index = copyInts(iis.col_index_, ok);
    out->col_bound = copyInts(iis.col_bound_, ok);
    out->row_index = copyInts(iis.row_index_, ok);
    out->row_bound = copyInts(iis.row_bound_, ok);
    if (!ok || iis.col_bound_.size() != iis.col_index_.size() ||
        iis.row_bound_.size() != iis.row_index_.size()) {
      mpFreeIis(out);
      return static_cast<int>(HighsStatus::kError);
    }
    return static_cast<int>(status);
  } catch (...) {
    mpFreeIis(out);
    return static_cast<int>(HighsStatus::kError);
  }
}

extern "C" void mpFreeIis(mpIis* iis) {
  std::free(iis->col_index);
  std::free(iis->col_bound);
  std::free(iis->row_index);
  std::free(iis->row_bound);
  *iis = mpIis{};
}

extern "C" const char* mpColName(const void* highs, int col) {
  return name(static_cast<const Highs*>(highs)->getLp().col_names_, col);
}

extern "C" const char* mpRowName(const void* highs, int row) {
  return name(static_cast<const Highs*>(highs)->getLp().row_names_, row);
}

// HiGHS's worker threads each get a glibc malloc arena of their own, which
// reserves 64 MiB of address space on first use. Two arenas serve a solve as
// well and keep the process's address space near what it uses, so that a limit
// on address space (ulimit -v) measures the model, not the thread count. Set
// before main, and so before any thread is started.
__attribute__((constructor)) static void mpLimitMallocArenas() { mallopt(M_ARENA_MAX, 2); }

