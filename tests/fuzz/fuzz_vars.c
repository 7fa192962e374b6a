/* fuzz_vars.c — libFuzzer target (`make fuzz`): psql variable interpolation. The input's first
 * line is the value of variables a and b; the rest is the text :a, :'a', :"b", :{?a} ... are
 * replaced in, and a meta-command line split. Never a crash; a quoted value comes back quoted. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "psql/vars.h"

#define MUST(cond) do { if (!(cond)) { fprintf(stderr, "fuzz_vars: %s\n", #cond); abort(); } } while (0)

/* As PQescapeLiteral/PQescapeIdentifier do it for plain strings: doubled quotes. */
static char *quote(void *ctx, const char *v, bool ident, struct dwh_err *e)
{
	char q = ident ? '"' : '\'', *out = malloc(2 * strlen(v) + 3), *o = out;

	(void)ctx, (void)e;
	if (!out)
		return NULL;
	*o++ = q;
	for (; *v; v++) {
		if (*v == q)
			*o++ = q;
		*o++ = *v;
	}
	*o++ = q;
	*o = '\0';
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dwh s;
	char *in = malloc(size + 1), *nl, *out, **argv = NULL;
	struct dwh_err e = { 0 };
	int argc;

	if (!in)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	nl = strchr(in, '\n');
	if (nl)
		*nl = '\0';
	vars_set(&s, "a", in);
	vars_set(&s, "b", in);
	const char *text = nl ? nl + 1 : "";
	if ((out = vars_expand(&s, text, quote, NULL, &e)) != NULL)
		free(out);
	argc = vars_split_meta(&s, text, quote, NULL, &argv, &e);
	if (argc >= 0) {
		MUST(argv[argc] == NULL);
		cmd_free_argv(argv);
	}
	vars_free(&s);
	free(in);
	return 0;
}
