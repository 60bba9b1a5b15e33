// libcurl, for receipt-ocr's http(s) image fetch. curl_easy_setopt is variadic, which Swift
// cannot call: these typed wrappers pass one kind of argument each.
#include <curl/curl.h>

static inline CURLcode orch_curl_set_long(CURL *curl, CURLoption option, long value) { return curl_easy_setopt(curl, option, value); }
static inline CURLcode orch_curl_set_string(CURL *curl, CURLoption option, const char *value) { return curl_easy_setopt(curl, option, value); }
static inline CURLcode orch_curl_set_pointer(CURL *curl, CURLoption option, void *value) { return curl_easy_setopt(curl, option, value); }
static inline CURLcode orch_curl_set_write(CURL *curl, size_t (*callback)(char *, size_t, size_t, void *)) { return curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, callback); }
static inline CURLcode orch_curl_set_header(CURL *curl, size_t (*callback)(char *, size_t, size_t, void *)) { return curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, callback); }
static inline CURLcode orch_curl_info_long(CURL *curl, CURLINFO info, long *value) { return curl_easy_getinfo(curl, info, value); }
static inline CURLcode orch_curl_info_string(CURL *curl, CURLINFO info, char **value) { return curl_easy_getinfo(curl, info, value); }
