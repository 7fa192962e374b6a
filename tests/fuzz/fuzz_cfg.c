/* fuzz_cfg.c — libFuzzer target (`make fuzz`): any bytes as a dwh.cfg. cfg_load reads a file,
 * so each input is written to one temporary file; it must load or fail with a message naming
 * the file, never crash, and every key it kept must be found again by cfg_get. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/config.h"

#define MUST(cond) do { if (!(cond)) { fprintf(stderr, "fuzz_cfg: %s\n", #cond); abort(); } } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[] = "/tmp/dwh-fuzz-cfg.XXXXXX";
	static int fd = -1;
	static const char *const keys[][2] = {
		{ "CLUSTER", "HOST" }, { "CLUSTER", "DB_PASSWORD" }, { "IAM_ROLE", "ARN" },
		{ "S3", "LOG_DATA" }, { "LOCAL", "THEME" }, { "", "" },
	};
	struct dwh_err e = { 0 };
	struct dwh_cfg *c;

	if (fd < 0 && (fd = mkstemp(path)) < 0)
		abort();
	MUST(ftruncate(fd, 0) == 0);
	MUST(pwrite(fd, data, size, 0) == (ssize_t)size);
	c = cfg_load(path, &e);
	if (!c) {
		MUST(strstr(e.msg, path) != NULL);     /* the error names the file */
		return 0;
	}
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *v = cfg_get(c, keys[i][0], keys[i][1]);
		MUST(!v || strlen(v) < size + 1);
	}
	MUST(!strcmp(cfg_path(c), path));
	cfg_free(c);
	return 0;
}
