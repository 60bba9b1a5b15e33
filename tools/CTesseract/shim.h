// The tesseract C API and leptonica, for tools/receipt-ocr.
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>
