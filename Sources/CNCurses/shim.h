// ncurses behind prefixed accessors. Swift 6 strict concurrency cannot read
// ncurses' mutable globals (stdscr, LINES, COLS, COLORS) directly, so each is
// read through a tiny inline function; macros Swift cannot import are wrapped
// the same way.
#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/curses.h>
#include <locale.h>
#include <signal.h>

static inline WINDOW *CNCurses_stdscr(void) { return stdscr; }
static inline int CNCurses_LINES(void) { return LINES; }
static inline int CNCurses_COLS(void) { return COLS; }
static inline int CNCurses_COLORS(void) { return COLORS; }
static inline int CNCurses_COLOR_PAIRS(void) { return COLOR_PAIRS; }
static inline int CNCurses_COLOR_PAIR(int n) { return (int)COLOR_PAIR(n); }
static inline int CNCurses_KEY_RESIZE(void) { return KEY_RESIZE; }
static inline int CNCurses_KEY_MOUSE(void) { return KEY_MOUSE; }
static inline int CNCurses_ERR(void) { return ERR; }
static inline int CNCurses_OK(void) { return OK; }
static inline int CNCurses_KEY_CODE_YES(void) { return KEY_CODE_YES; }
static inline attr_t CNCurses_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t CNCurses_A_BOLD(void) { return A_BOLD; }
static inline attr_t CNCurses_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t CNCurses_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t CNCurses_A_DIM(void) { return A_DIM; }
static inline mmask_t CNCurses_BUTTON1_CLICK_MASK(void) {
  return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED;
}
static inline mmask_t CNCurses_BUTTON1_PRESS_MASK(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED; }

#endif
