/* t.h — a very small unit-test framework: TEST(name) registers a function, CHECK* record
 * failures with file and line and go on, REQUIRE records one and ends the test (for a
 * precondition the rest depends on), and t_main.c runs everything and prints "N passed, N
 * failed". Registering more tests than t_main.c has room for stops the run with an error. */
#ifndef DWH_T_H
#define DWH_T_H

#include <stdio.h>
#include <string.h>

void t_register(const char *name, void (*fn)(void));
void t_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* End the running test now (after a t_fail); returns to t_main. */
_Noreturn void t_stop(void);

#define TEST(name)                                                              \
	static void name(void);                                                 \
	__attribute__((constructor)) static void t_reg_##name(void)            \
	{ t_register(#name, name); }                                            \
	static void name(void)

#define CHECK(cond)                                                             \
	do { if (!(cond)) t_fail(__FILE__, __LINE__, "%s", #cond); } while (0)
#define REQUIRE(cond)                                                           \
	do { if (!(cond)) { t_fail(__FILE__, __LINE__, "required: %s", #cond); t_stop(); } } while (0)
#define CHECK_INT(a, b)                                                         \
	do { long long t_a = (long long)(a), t_b = (long long)(b);             \
	     if (t_a != t_b) t_fail(__FILE__, __LINE__, "%s == %lld, want %lld", #a, t_a, t_b); } while (0)
#define CHECK_STR(a, b)                                                         \
	do { const char *t_a = (a), *t_b = (b);                                  \
	     if (!t_a || !t_b || strcmp(t_a, t_b) != 0)                          \
		t_fail(__FILE__, __LINE__, "%s == \"%s\", want \"%s\"", #a,        \
		       t_a ? t_a : "(null)", t_b ? t_b : "(null)"); } while (0)
#define CHECK_CONTAINS(hay, needle)                                             \
	do { const char *t_h = (hay), *t_n = (needle);                           \
	     if (!t_h || !strstr(t_h, t_n))                                      \
		t_fail(__FILE__, __LINE__, "%s == \"%s\" lacks \"%s\"", #hay,      \
		       t_h ? t_h : "(null)", t_n); } while (0)

#endif
