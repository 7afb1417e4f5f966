#include "LabCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

typedef void *(*easy_init_fn)(void);
typedef void (*easy_cleanup_fn)(void *);
typedef int (*easy_perform_fn)(void *);
typedef int (*easy_setopt_fn)(void *, int, ...);
typedef int (*easy_getinfo_fn)(void *, int, ...);
typedef void *(*slist_append_fn)(void *, const char *);
typedef void (*slist_free_all_fn)(void *);
typedef const char *(*easy_strerror_fn)(int);
typedef int (*global_init_fn)(long);

static struct {
    easy_init_fn easy_init;
    easy_cleanup_fn easy_cleanup;
    easy_perform_fn easy_perform;
    easy_setopt_fn easy_setopt;
    easy_getinfo_fn easy_getinfo;
    slist_append_fn slist_append;
    slist_free_all_fn slist_free_all;
    easy_strerror_fn easy_strerror;
} curl;

static pthread_once_t opened = PTHREAD_ONCE_INIT;
static char open_failure[256];

static void open_once(void) {
    static const char *const names[] = {
        "libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so", "libcurl.4.dylib", "/usr/lib/libcurl.4.dylib",
    };
    void *library = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && library == NULL; i++) {
        library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (library == NULL) {
        snprintf(open_failure, sizeof open_failure, "libcurl is not installed (libcurl.so.4 not found)");
        return;
    }
    global_init_fn global_init = (global_init_fn)dlsym(library, "curl_global_init");
    curl.easy_init = (easy_init_fn)dlsym(library, "curl_easy_init");
    curl.easy_cleanup = (easy_cleanup_fn)dlsym(library, "curl_easy_cleanup");
    curl.easy_perform = (easy_perform_fn)dlsym(library, "curl_easy_perform");
    curl.easy_setopt = (easy_setopt_fn)dlsym(library, "curl_easy_setopt");
    curl.easy_getinfo = (easy_getinfo_fn)dlsym(library, "curl_easy_getinfo");
    curl.slist_append = (slist_append_fn)dlsym(library, "curl_slist_append");
    curl.slist_free_all = (slist_free_all_fn)dlsym(library, "curl_slist_free_all");
    curl.easy_strerror = (easy_strerror_fn)dlsym(library, "curl_easy_strerror");
    if (!global_init || !curl.easy_init || !curl.easy_cleanup || !curl.easy_perform || !curl.easy_setopt
        || !curl.easy_getinfo || !curl.slist_append || !curl.slist_free_all || !curl.easy_strerror) {
        snprintf(open_failure, sizeof open_failure, "the libcurl found lacks curl_easy_* functions");
        curl.easy_init = NULL;
        return;
    }
    // CURL_GLOBAL_ALL (SSL and, on Windows, sockets), once, before any thread makes a handle.
    if (global_init(3) != 0) {
        snprintf(open_failure, sizeof open_failure, "libcurl failed to initialise");
        curl.easy_init = NULL;
    }
}

int lab_curl_open(char *reason, size_t reason_size) {
    pthread_once(&opened, open_once);
    if (curl.easy_init != NULL) return 0;
    if (reason != NULL && reason_size > 0) snprintf(reason, reason_size, "%s", open_failure);
    return -1;
}

void *lab_curl_easy_init(void) { return curl.easy_init(); }
void lab_curl_easy_cleanup(void *handle) { curl.easy_cleanup(handle); }
int lab_curl_easy_perform(void *handle) { return curl.easy_perform(handle); }
int lab_curl_setopt_long(void *handle, int option, long value) { return curl.easy_setopt(handle, option, value); }
int lab_curl_setopt_pointer(void *handle, int option, const void *value) { return curl.easy_setopt(handle, option, value); }
int lab_curl_setopt_string(void *handle, int option, const char *value) { return curl.easy_setopt(handle, option, value); }
int lab_curl_setopt_offset(void *handle, int option, int64_t value) { return curl.easy_setopt(handle, option, value); }
int lab_curl_getinfo_long(void *handle, int info, long *value) { return curl.easy_getinfo(handle, info, value); }
void *lab_curl_slist_append(void *list, const char *text) { return curl.slist_append(list, text); }
void lab_curl_slist_free_all(void *list) { curl.slist_free_all(list); }
const char *lab_curl_easy_strerror(int code) { return curl.easy_strerror(code); }
