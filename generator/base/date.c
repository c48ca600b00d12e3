/* Dates as Decree 30 words them (date.h). */
#include "base/date.h"
#include "base/xalloc.h"

char *
date_words(int year, int month, int day)
{
	if (month <= 2)
		return xasprintf("ngày %02d tháng %02d năm %d", day, month,
		    year);
	return xasprintf("ngày %02d tháng %d năm %d", day, month, year);
}
