#ifndef PETDESK_NCURSESW_SHIM_H
#define PETDESK_NCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <unistd.h>
#include <wchar.h>
#include <string.h>
#include <ncursesw/ncurses.h>
#include <ncursesw/term.h>

/* Macros and globals Swift cannot import or rejects as not concurrency-safe. */
static inline attr_t petdesk_a_bold(void) { return A_BOLD; }
static inline attr_t petdesk_a_reverse(void) { return A_REVERSE; }
static inline attr_t petdesk_a_underline(void) { return A_UNDERLINE; }
static inline attr_t petdesk_a_dim(void) { return A_DIM; }
static inline attr_t petdesk_a_normal(void) { return A_NORMAL; }
static inline int petdesk_key_f(int n) { return KEY_F(n); }
static inline int petdesk_key_btab(void) { return KEY_BTAB; }
static inline int petdesk_key_home(void) { return KEY_HOME; }
static inline int petdesk_key_end(void) { return KEY_END; }
static inline int petdesk_key_enter(void) { return KEY_ENTER; }
static inline int petdesk_key_dc(void) { return KEY_DC; }
static inline WINDOW *petdesk_stdscr(void) { return stdscr; }
/* Mouse: clicks and the wheel (buttons 4 and 5), and the one event curses has queued. */
static inline int petdesk_key_mouse(void) { return KEY_MOUSE; }
static inline void petdesk_enable_mouse(void) {
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
}
/* 1 click, 4 wheel up, 5 wheel down, 0 anything else; x and y are cells from the top left. */
static inline int petdesk_take_mouse(int *x, int *y) {
    MEVENT e;
    if (getmouse(&e) != OK) return 0;
    *x = e.x; *y = e.y;
    if (e.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (e.bstate & BUTTON4_PRESSED) return 4;
    if (e.bstate & BUTTON5_PRESSED) return 5;
    return 0;
}
/* Whether the current terminal can move the cursor (TERM=dumb cannot: the dashboard would half-draw). */
static inline int petdesk_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}
/* The columns curses gives a character (the width table's reference, in tests). */
static inline int petdesk_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }
static inline int petdesk_colors(void) { return COLORS; }
static inline int petdesk_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *petdesk_fopen_tty(const char *mode) { return fopen("/dev/tty", mode); }

/* Signals: async-signal-safe flags that the main loop polls. */
static volatile sig_atomic_t petdesk_signal_caught = 0;
static inline void petdesk_on_signal(int sig) { petdesk_signal_caught = sig; }
static inline int petdesk_take_signal(void) { int s = petdesk_signal_caught; petdesk_signal_caught = 0; return s; }
static inline void petdesk_install_signal_handlers(void) {
    /* A parent may have left these blocked (a thread pool, a supervisor): unblock what we need. */
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGHUP);
    sigaddset(&wanted, SIGQUIT);
    sigaddset(&wanted, SIGWINCH);
    sigaddset(&wanted, SIGTSTP);
    sigaddset(&wanted, SIGCONT);
    sigprocmask(SIG_UNBLOCK, &wanted, NULL);
    struct sigaction sa;
    sa.sa_handler = petdesk_on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a pending read returns so the loop sees the flag */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* Ctrl-\: quit cleanly like Ctrl-C (the Swift runtime would print a crash banner over the screen). */
    sigaction(SIGQUIT, &sa, NULL);
}

/* On a crash: restore the terminal, then die of the same signal. */
static inline void petdesk_on_crash(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}
static inline void petdesk_install_crash_handlers(void) {
    signal(SIGSEGV, petdesk_on_crash);
    signal(SIGBUS, petdesk_on_crash);
    signal(SIGILL, petdesk_on_crash);
    signal(SIGTRAP, petdesk_on_crash);
    signal(SIGABRT, petdesk_on_crash);
    signal(SIGFPE, petdesk_on_crash);
}

static inline int petdesk_setlocale_utf8(void) {
    if (setlocale(LC_ALL, "") == NULL || strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
        if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) return 0;
    }
    return 1;
}

#endif
