#ifndef SOTAY_C_LINE_BUFFERING_H
#define SOTAY_C_LINE_BUFFERING_H

/// Makes standard output line-buffered even when it is a file or a pipe. Swift 6
/// cannot name C's `stdout` (a mutable global), so the call lives here.
void sotay_line_buffer_standard_output(void);

#endif
