/* first.c: starts a server and measures the time from its start to its first
 * answered HTTP request, for `make bench`.
 *
 *     build/bench-first PORT PIDFILE COMMAND [ARG...]
 *
 * Forks and executes COMMAND (left running; its pid is written to PIDFILE),
 * then tries `GET /healthz` on 127.0.0.1:PORT every 200 microseconds until an
 * "HTTP/1.1 200" comes back, and prints the milliseconds from just before the
 * exec to that answer. Exits 1 after 10 s without an answer. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int try_once(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return 0;
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int ok = 0;
	if (connect(fd, (struct sockaddr *)&a, sizeof a) == 0) {
		const char req[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
		char buf[64] = "";
		if (write(fd, req, sizeof req - 1) == (ssize_t)(sizeof req - 1)) {
			ssize_t n = read(fd, buf, sizeof buf - 1);
			ok = n >= 12 && !strncmp(buf, "HTTP/1.1 200", 12);
		}
	}
	close(fd);
	return ok;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: bench-first PORT PIDFILE COMMAND [ARG...]\n");
		return 2;
	}
	int port = atoi(argv[1]);
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		execvp(argv[3], argv + 3);
		_exit(127);
	}
	FILE *f = fopen(argv[2], "w");
	if (f) {
		fprintf(f, "%d\n", (int)pid);
		fclose(f);
	}
	while (now_ms() - t0 < 10000) {
		if (try_once(port)) {
			printf("%.1f\n", now_ms() - t0);
			return 0;
		}
		usleep(200);
	}
	return 1;
}
