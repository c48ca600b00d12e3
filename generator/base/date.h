/* Dates as Decree 30 words them. */
#ifndef DATE_H
#define DATE_H

/* A calendar day (Gregorian); y 0: none. */
struct date {
	int		 y, m, d;	/* year, month 1-12, day 1-31 */
};

/*
 * "ngày 05 tháng 02 năm 2022" (FORMAT.md §4, Decree 30 Phụ lục I): the
 * day in two digits, the month in two digits when it is 1 or 2 ("tháng
 * 4", "tháng 12", but "tháng 02"), the year in four.  Caller frees.
 */
char	*date_words(int year, int month, int day);

#endif /* DATE_H */
