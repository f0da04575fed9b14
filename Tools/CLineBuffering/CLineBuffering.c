#include "CLineBuffering.h"
#include <stdio.h>

void sotay_line_buffer_standard_output(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
}
