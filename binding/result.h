// The output of a call: the caller's tensor, or one the binding allocates.
#pragma once

#include <napi.h>

#include "../native/common/tensor.h"

namespace gsb {

// The output argument: a tensor like read_tensor's, or a request for a new
// one, {alloc: true, data: <empty typed array of the wanted type>, shape,
// strides}. The binding then allocates the typed array itself (zero-filled,
// non-negative strides, as many elements as the view addresses), marks the
// view host_private, and run() returns it as the call's result once the
// kernel has finished; until then no JS can reach it, so an async kernel
// writes into it directly instead of into scratch memory.
bool read_output(Napi::Env env, Napi::Value value, const char* fn, gs::TensorView* view);

}  // namespace gsb
