/* crash.h — the console's last words on a fatal signal (crash.c). */
#ifndef DWH_TUI_CRASH_H
#define DWH_TUI_CRASH_H

/* Before the screen opens: keep the terminal's modes and the dump file's name (or NULL). */
void crash_arm(const char *dump_path);
/* Once curses knows the terminal: the strings that leave its screen modes. */
void crash_arm_screen(void);
/* In the handler of SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL: give the terminal back (when the
 * screen is up), say which signal on stderr and where the last screen is, die of the signal. */
void crash_fatal(int sig, int screen_up);

#endif
