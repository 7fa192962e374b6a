/* crash.c — the console on a fatal signal (SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL): the
 * terminal given back (its modes as before the console, out of the alternate screen, cursor
 * shown, bracketed paste off), one line of dwh's own on stderr — the signal, and the file with
 * the last screen when DWH_SCREEN_DUMP names one — then death by the same signal (a core dump,
 * the shell's report). Everything written is prepared beforehand: the handler only calls
 * tcsetattr, write and raise, which are async-signal-safe. The line never holds anything of
 * the connection (a password in a conninfo stays out of it). */
#include <curses.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "tui/crash.h"

static struct termios shell_modes;
static int have_modes;
static char leave_seq[256];             /* rmcup, cnorm, sgr0, rmkx, bracketed paste off */
static size_t leave_len;
static char where[PATH_MAX + 64];       /* "; the last screen is in FILE" or "" */

void crash_arm(const char *dump_path)
{
	have_modes = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &shell_modes) == 0;
	where[0] = 0;
	if (dump_path && *dump_path)
		snprintf(where, sizeof where, "; the last screen is in %s", dump_path);
}

static void add_cap(const char *name)
{
	char *s = tigetstr((char *)name);
	size_t n;

	if (!s || s == (char *)-1)
		return;
	n = strlen(s);
	if (leave_len + n < sizeof leave_seq)
		memcpy(leave_seq + leave_len, s, n), leave_len += n;
}

void crash_arm_screen(void)
{
	static const char paste_off[] = "\033[?2004l";

	leave_len = 0;
	add_cap("sgr0");
	add_cap("cnorm");
	add_cap("rmkx");
	if (leave_len + sizeof paste_off - 1 < sizeof leave_seq)
		memcpy(leave_seq + leave_len, paste_off, sizeof paste_off - 1), leave_len += sizeof paste_off - 1;
	add_cap("rmcup");
}

static void say(const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		ssize_t w = write(STDERR_FILENO, s, n);

		if (w <= 0)
			return;
		s += w, n -= (size_t)w;
	}
}

void crash_fatal(int sig, int screen_up)
{
	const char *name = sig == SIGSEGV ? "SIGSEGV (segmentation fault)"
		: sig == SIGBUS ? "SIGBUS (bus error)"
		: sig == SIGABRT ? "SIGABRT (aborted)"
		: sig == SIGFPE ? "SIGFPE (arithmetic error)"
		: sig == SIGILL ? "SIGILL (illegal instruction)" : "a fatal signal";

	if (screen_up) {
		ssize_t w = leave_len ? write(STDOUT_FILENO, leave_seq, leave_len) : 0;

		(void)w;
		if (have_modes)
			tcsetattr(STDIN_FILENO, TCSADRAIN, &shell_modes);
		say("\r");
	}
	say("dwh: crashed on ");
	say(name);
	say(where);
	say("\n");
	signal(sig, SIG_DFL);
	raise(sig);
}
