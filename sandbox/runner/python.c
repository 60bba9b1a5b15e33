/* The embedded interpreter: isolated configuration, the allowlist pre-imported and warmed, the
 * driver (driver.h) compiled once. Everything that opens files happens here, before the filter. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "runner.h"

#include <string.h>

#include "driver.h"

/* Debian's libpython3.11-dev: the stdlib the embedded interpreter imports from. */
#ifndef ORCH_PYTHON_PREFIX
#define ORCH_PYTHON_PREFIX "/usr"
#endif
#ifndef ORCH_PYTHON_STDLIB
#define ORCH_PYTHON_STDLIB "/usr/lib/python3.11"
#endif

static PyObject *run_function;   /* driver.run(request, output_limit, logs_limit) */
static PyObject *warm_function;  /* driver.warm() */

static const char *const modules[] = {
#define MODULE(name) #name,
#define INTERNAL(parent, name)
#include "../policy/modules.def"
#undef MODULE
#undef INTERNAL
};

static const char *const internals[] = {
#define MODULE(name)
#define INTERNAL(parent, name) #name,
#include "../policy/modules.def"
#undef MODULE
#undef INTERNAL
};

/* What to pre-import, and for which allowlisted name (a MODULE line's own name). */
static const struct { const char *name; const char *parent; } preimports[] = {
#define MODULE(name) {#name, #name},
#define INTERNAL(parent, name) {#name, #parent},
#include "../policy/modules.def"
#undef MODULE
#undef INTERNAL
};

/* Whether `needle` occurs in the request (a module's name in the code, for a cold step). */
static bool mentions(const struct request *request, const char *needle) {
    if (!request) return true;
    return memmem(request->bytes, request->length, needle, strlen(needle)) != NULL;
}

/* Paths that open files or build caches the first time they run (the zygote warms them once; a
 * cold step skips this, as the time zone is read when `time` is imported): the time zone (glibc reads /etc/localtime on the
 * first localtime), _strptime's locale tables and regex cache, decimal's context, compile()'s AST types. */
static const char warm_source[] =
    "import time, datetime, _strptime, decimal, random, re, statistics, json, fractions, string, textwrap\n"
    "time.localtime(); time.strftime('%c'); time.tzname\n"
    "datetime.datetime.now().astimezone()\n"
    "datetime.datetime.strptime('2024-01-02 03:04:05', '%Y-%m-%d %H:%M:%S')\n"
    "datetime.datetime.strptime('Jan 2 2024', '%b %d %Y')\n"
    "time.strptime('2024-01-02', '%Y-%m-%d')\n"
    "decimal.getcontext(); decimal.Decimal('1.10') + decimal.Decimal(2)\n"
    "random.random(); random.Random(1).random()\n"
    "re.compile(r'\\d+').findall('a1 b22'); re.sub('a', 'b', 'aa')\n"
    "statistics.mean([1, 2]); statistics.median([1, 2, 3]); statistics.stdev([1.0, 2.0])\n"
    "fractions.Fraction(1, 3) + 1\n"
    "json.loads(json.dumps({'a': [1, 2.5, None, 'é']}, ensure_ascii=False))\n"
    "textwrap.fill('a b c', 2); textwrap.dedent(' a')\n"
    "'{:,.2f}'.format(1234.5); format(decimal.Decimal('1.5'), '.2f')\n"
    /* The built-in compile() builds the ~120 AST classes on its first call (PyAST_Check); done
     * here, no step child pays for it (it was over half of a warm step's CPU). */
    "compile('output = 1', '<warm>', 'exec', dont_inherit=True)\n";

static void fail_python(const char *what) {
    if (PyErr_Occurred()) PyErr_Print();
    die("%s", what);
}

static void check_status(PyStatus status, const char *what) {
    if (PyStatus_Exception(status)) die("%s: %s", what, status.err_msg ? status.err_msg : "failed");
}

/* Binds `key` in `globals` to a list of the C strings `names`. */
static void set_name_list(PyObject *globals, const char *key, const char *const *names, size_t count) {
    PyObject *list = PyList_New(0);
    for (size_t i = 0; list && i < count; i++) {
        PyObject *name = PyUnicode_FromString(names[i]);
        if (!name || PyList_Append(list, name) < 0) fail_python("building the module lists failed");
        Py_DECREF(name);
    }
    if (!list || PyDict_SetItemString(globals, key, list) < 0) fail_python("setting the module lists failed");
    Py_DECREF(list);
}

void python_start(bool warm, const struct request *request) {
    PyPreConfig preconfig;
    PyPreConfig_InitIsolatedConfig(&preconfig);
    preconfig.utf8_mode = 1;
    check_status(Py_PreInitialize(&preconfig), "Python pre-initialization");

    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.site_import = 0;
    config.user_site_directory = 0;
    config.write_bytecode = 0;
    config.install_signal_handlers = 0;
    config.use_environment = 0;
    config.parse_argv = 0;
    config.buffered_stdio = 0;
    config.configure_c_stdio = 0;
    config.faulthandler = 0;
    config.tracemalloc = 0;
    config.module_search_paths_set = 1;
    check_status(PyWideStringList_Append(&config.module_search_paths, L"" ORCH_PYTHON_STDLIB), "Python search path");
    check_status(PyWideStringList_Append(&config.module_search_paths, L"" ORCH_PYTHON_STDLIB "/lib-dynload"), "Python search path");
    check_status(PyConfig_SetString(&config, &config.home, L"" ORCH_PYTHON_PREFIX), "Python home");
    check_status(PyConfig_SetString(&config, &config.program_name, L"orch-sandbox"), "Python program name");
    check_status(Py_InitializeFromConfig(&config), "Python initialization");
    PyConfig_Clear(&config);

    for (size_t i = 0; i < sizeof preimports / sizeof preimports[0]; i++) {
        if (!mentions(request, preimports[i].parent)) continue;
        PyObject *module = PyImport_ImportModule(preimports[i].name);
        if (!module) {
            PyErr_Print();
            die("pre-importing '%s' (policy/modules.def) failed", preimports[i].name);
        }
        Py_DECREF(module);
    }
    if (warm) {
        PyObject *main_module = PyImport_AddModule("__main__");
        PyObject *warm_globals = main_module ? PyModule_GetDict(main_module) : NULL;
        if (!warm_globals) fail_python("no __main__ module");
        PyObject *warmed = PyRun_String(warm_source, Py_file_input, warm_globals, warm_globals);
        if (!warmed) fail_python("warming the allowed modules failed");
        Py_DECREF(warmed);
    }

    PyObject *driver = PyModule_New("_orch_driver");
    PyObject *globals = driver ? PyModule_GetDict(driver) : NULL;
    if (!globals || PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins()) < 0) fail_python("creating the driver module failed");
    set_name_list(globals, "ALLOWED_MODULES", modules, sizeof modules / sizeof modules[0]);
    set_name_list(globals, "INTERNAL_MODULES", internals, sizeof internals / sizeof internals[0]);
    PyObject *result = PyRun_String(driver_source, Py_file_input, globals, globals);
    if (!result) fail_python("loading the driver (driver.h) failed");
    Py_DECREF(result);
    run_function = PyDict_GetItemString(globals, "run");
    if (!run_function) fail_python("the driver has no run()");
    Py_INCREF(run_function);
    warm_function = PyDict_GetItemString(globals, "warm");
    if (!warm_function) fail_python("the driver has no warm()");
    Py_INCREF(warm_function);
    if (warm) {
        /* Everything alive now moves to the permanent generation: a collection in a child then
         * never walks (and copies on write) the zygote's objects. */
        PyObject *frozen = PyRun_String("import gc\ngc.collect()\ngc.freeze()\n", Py_file_input, globals, globals);
        if (!frozen) fail_python("gc.freeze() failed");
        Py_DECREF(frozen);
    }
}

int python_run_step(const struct limits *limits, const struct request *request) {
    PyObject *result = PyObject_CallFunction(run_function, "y#II", request->bytes, (Py_ssize_t)request->length,
                                             limits->output_bytes, limits->logs_bytes);
    if (!result) {
        /* Only the driver's own failure lands here (user errors are caught inside it). */
        if (PyErr_ExceptionMatches(PyExc_MemoryError)) {
            PyErr_Clear();
            static const char frame[] = "{\"ok\":false,\"code\":\"memory_limit\",\"message\":\"MemoryError: the step ran out of memory.\",\"logs\":\"\",\"logs_truncated\":false}";
            write_all(1, frame, sizeof frame - 1);
            return EXIT_STEP_FAILED;
        }
        PyErr_Print();
        return EXIT_SETUP;
    }
    long code = PyLong_AsLong(result);
    Py_DECREF(result);
    return code == 0 ? EXIT_STEP_OK : EXIT_STEP_FAILED;
}

void python_warm_child(void) {
    PyObject *result = PyObject_CallNoArgs(warm_function);
    if (!result) fail_python("warming a spare child failed");
    Py_DECREF(result);
}

void python_before_fork(void) { PyOS_BeforeFork(); }
void python_after_fork_parent(void) { PyOS_AfterFork_Parent(); }
void python_after_fork_child(void) { PyOS_AfterFork_Child(); }
