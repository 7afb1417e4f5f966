#ifndef LAB_CURL_H
#define LAB_CURL_H

// libcurl, opened with dlopen the first time an `http` step runs: commands that make no request
// do not load it, and a `lab` built without libcurl's headers still builds. curl_easy_setopt and
// curl_easy_getinfo are variadic, which Swift cannot call; these wrappers call them with one
// argument of the type each option takes. The numbers below are libcurl's ABI, fixed since 7.x.

#include <stddef.h>
#include <stdint.h>

/// Opens libcurl (libcurl.so.4, or the GnuTLS build, or the macOS one) once and initialises it.
/// 0 on success; otherwise -1 and a reason in `reason`.
int lab_curl_open(char *reason, size_t reason_size);

void *lab_curl_easy_init(void);
void lab_curl_easy_cleanup(void *handle);
int lab_curl_easy_perform(void *handle);
int lab_curl_setopt_long(void *handle, int option, long value);
int lab_curl_setopt_pointer(void *handle, int option, const void *value);
int lab_curl_setopt_string(void *handle, int option, const char *value);
int lab_curl_setopt_offset(void *handle, int option, int64_t value);
int lab_curl_getinfo_long(void *handle, int info, long *value);
/// curl_slist_append; NULL when out of memory (the list passed in is then left as it was).
void *lab_curl_slist_append(void *list, const char *text);
void lab_curl_slist_free_all(void *list);
const char *lab_curl_easy_strerror(int code);

enum {
    LAB_CURLOPT_WRITEDATA = 10001,
    LAB_CURLOPT_URL = 10002,
    LAB_CURLOPT_ERRORBUFFER = 10010,
    LAB_CURLOPT_WRITEFUNCTION = 20011,
    LAB_CURLOPT_HTTPHEADER = 10023,
    LAB_CURLOPT_HEADERDATA = 10029,
    LAB_CURLOPT_CUSTOMREQUEST = 10036,
    LAB_CURLOPT_NOPROGRESS = 43,
    LAB_CURLOPT_NOBODY = 44,
    LAB_CURLOPT_FOLLOWLOCATION = 52,
    LAB_CURLOPT_XFERINFODATA = 10057,
    LAB_CURLOPT_SSL_VERIFYPEER = 64,
    LAB_CURLOPT_CAINFO = 10065,
    LAB_CURLOPT_MAXREDIRS = 68,
    LAB_CURLOPT_HEADERFUNCTION = 20079,
    LAB_CURLOPT_SSL_VERIFYHOST = 81,
    LAB_CURLOPT_CAPATH = 10097,
    LAB_CURLOPT_NOSIGNAL = 99,
    LAB_CURLOPT_POSTFIELDSIZE_LARGE = 30120,
    LAB_CURLOPT_COPYPOSTFIELDS = 10165,
    LAB_CURLOPT_TIMEOUT_MS = 155,
    LAB_CURLOPT_PROTOCOLS = 181,
    LAB_CURLOPT_REDIR_PROTOCOLS = 182,
    LAB_CURLOPT_XFERINFOFUNCTION = 20219,

    LAB_CURLPROTO_HTTP_AND_HTTPS = 3,

    LAB_CURLINFO_RESPONSE_CODE = 0x200002,
    LAB_CURLINFO_OS_ERRNO = 0x200019,

    LAB_CURLE_OK = 0,
    LAB_CURLE_COULDNT_RESOLVE_HOST = 6,
    LAB_CURLE_COULDNT_CONNECT = 7,
    LAB_CURLE_OPERATION_TIMEDOUT = 28,
    LAB_CURLE_SSL_CONNECT_ERROR = 35,
    LAB_CURLE_ABORTED_BY_CALLBACK = 42,
    LAB_CURLE_TOO_MANY_REDIRECTS = 47,
    LAB_CURLE_GOT_NOTHING = 52,
    LAB_CURLE_SSL_CERTPROBLEM = 58,
    LAB_CURLE_PEER_FAILED_VERIFICATION = 60,
    LAB_CURLE_SSL_CACERT_BADFILE = 77,
};

#endif
