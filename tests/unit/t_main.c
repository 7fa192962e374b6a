/* t_main.c — runs every registered unit test; an optional argument selects tests by substring. */
#include "t.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>

#define T_MAX 1024

static struct { const char *name; void (*fn)(void); } tests[T_MAX];
static int ntests, failures_now;
static jmp_buf stop_here;

/* Runs before main (TEST's constructors): a test with no room is an error, never dropped. */
void t_register(const char *name, void (*fn)(void))
{
	if (ntests == T_MAX) {
		fprintf(stderr, "unit: more than T_MAX (%d) tests; %s has no room: raise T_MAX in %s\n",
			T_MAX, name, __FILE__);
		exit(2);
	}
	tests[ntests].name = name;
	tests[ntests].fn = fn;
	ntests++;
}

_Noreturn void t_stop(void)
{
	longjmp(stop_here, 1);
}

/* A frame of its own for setjmp, so main's counters are never clobbered by the longjmp. */
static void run_one(void (*fn)(void))
{
	if (!setjmp(stop_here))
		fn();
}

void t_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stdout, "    %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	failures_now++;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;

	for (int i = 0; i < ntests; i++) {
		if (argc > 1 && !strstr(tests[i].name, argv[1]))
			continue;
		failures_now = 0;
		run_one(tests[i].fn);
		printf("%s unit: %s\n", failures_now ? "FAIL" : "ok  ", tests[i].name);
		if (failures_now)
			failed++;
		else
			passed++;
		fflush(stdout);
	}
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
