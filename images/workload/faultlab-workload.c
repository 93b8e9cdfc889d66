/*
 * faultlab-workload: the traffic every faultlab scenario needs, as one static binary so that the netns,
 * docker and k3s backends run byte-for-byte the same workload.
 *
 *   tcp-server --port P [--backlog N] [--accept-delay-ms D] [--close-first] [--max-seconds S]
 *   tcp-client --targets IP:PORT[,IP:PORT...] [--count N] [--parallel K] [--writes 4,1398,1307] [--write-gap-ms G]
 *              [--nodelay] [--df] [--source-port S] [--connect-timeout-ms T] [--timeout-ms T]
 *              [--interval-ms I] [--max-seconds S]
 *   udp-server --port P [--max-seconds S]
 *   udp-client --targets IP:PORT[,IP:PORT...] [--count N] [--timeout-ms T] [--interval-ms I] [--max-seconds S]
 *
 * Protocol (tcp): the client sends a 4-byte big-endian length L followed by L bytes, split into send() calls
 * as --writes says (the first write carries the length header, as the field capture's 4-byte segment did).
 * The server answers "ok L close\n" when it closes first (it then holds TIME_WAIT) or "ok L keep\n" when it
 * waits for the client to close first. Clients print one JSON line per connection or query on stdout:
 *   {"kind":"tcp","seq":0,"target":"10.244.3.2:8080","localPort":40211,"result":"ok","stage":"done",
 *    "connectMs":0.4,"totalMs":1.2,"error":""}
 * result: ok | timeout | refused | reset | unreachable | error; stage: where it ended.
 * Every loop is bounded by a count and by --max-seconds (wall time, enforced with alarm()).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WRITES 16
#define MAX_TARGETS 16
#define MAX_PAYLOAD (1 << 20)

struct options {
    const char *targets;
    const char *writes;
    int port, backlog, accept_delay_ms, close_first;
    int count, parallel, write_gap_ms, nodelay, df, source_port;
    int connect_timeout_ms, timeout_ms, interval_ms, max_seconds;
};

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("faultlab-workload: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void sleep_ms(int ms) {
    if (ms <= 0) return;
    struct timespec ts = {ms / 1000, (long) (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
    }
}

static int int_arg(const char *name, const char *value) {
    char *end;
    long v = strtol(value, &end, 10);
    if (*value == '\0' || *end != '\0' || v < 0 || v > 1000000000L) die("%s needs a non-negative number, got '%s'", name, value);
    return (int) v;
}

static void parse_options(int argc, char **argv, struct options *o) {
    memset(o, 0, sizeof *o);
    o->backlog = 128;
    o->count = 1;
    o->parallel = 1;
    o->writes = "4,16";
    o->write_gap_ms = 2;
    o->connect_timeout_ms = 3000;
    o->timeout_ms = 3000;
    o->max_seconds = 600;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define FLAG(n, field) if (strcmp(a, n) == 0) { o->field = 1; continue; }
#define INT(n, field) if (strcmp(a, n) == 0) { if (!v) die("%s needs a value", n); o->field = int_arg(n, v); i++; continue; }
#define STR(n, field) if (strcmp(a, n) == 0) { if (!v) die("%s needs a value", n); o->field = v; i++; continue; }
        FLAG("--close-first", close_first)
        FLAG("--nodelay", nodelay)
        FLAG("--df", df)
        INT("--port", port)
        INT("--backlog", backlog)
        INT("--accept-delay-ms", accept_delay_ms)
        INT("--count", count)
        INT("--parallel", parallel)
        INT("--write-gap-ms", write_gap_ms)
        INT("--source-port", source_port)
        INT("--connect-timeout-ms", connect_timeout_ms)
        INT("--timeout-ms", timeout_ms)
        INT("--interval-ms", interval_ms)
        INT("--max-seconds", max_seconds)
        STR("--targets", targets)
        STR("--writes", writes)
        die("unknown option '%s' for %s", a, argv[1]);
    }
    if (o->parallel < 1) o->parallel = 1;
    alarm(o->max_seconds > 0 ? o->max_seconds : 600);
}

static void parse_addr(const char *text, struct sockaddr_in *sa) {
    char host[64];
    const char *colon = strrchr(text, ':');
    if (!colon || (size_t) (colon - text) >= sizeof host) die("address '%s' must be IP:PORT", text);
    memcpy(host, text, colon - text);
    host[colon - text] = '\0';
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t) int_arg("port", colon + 1));
    if (inet_pton(AF_INET, host, &sa->sin_addr) != 1) die("'%s' is not an IPv4 address", host);
}

static const char *classify(int err) {
    switch (err) {
        case ETIMEDOUT: case EAGAIN: return "timeout";
        case ECONNREFUSED: return "refused";
        case ECONNRESET: case EPIPE: return "reset";
        case EHOSTUNREACH: case ENETUNREACH: return "unreachable";
        default: return "error";
    }
}

/* Waits until fd is ready for events or the deadline passes; returns 0 when ready, ETIMEDOUT otherwise. */
static int wait_ready(int fd, short events, double deadline) {
    for (;;) {
        int left = (int) (deadline - now_ms());
        if (left <= 0) return ETIMEDOUT;
        struct pollfd p = {fd, events, 0};
        int n = poll(&p, 1, left);
        if (n > 0) return 0;
        if (n < 0 && errno != EINTR) return errno;
    }
}

/* Reads until len bytes arrived, EOF or the deadline; returns bytes read or -errno. */
static ssize_t read_until(int fd, char *buf, size_t len, double deadline, int stop_at_newline) {
    size_t got = 0;
    while (got < len) {
        int rc = wait_ready(fd, POLLIN, deadline);
        if (rc) return -rc;
        ssize_t n = read(fd, buf + got, len - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -errno;
        }
        if (n == 0) break;
        got += (size_t) n;
        if (stop_at_newline && memchr(buf, '\n', got)) break;
    }
    return (ssize_t) got;
}

/* ---------------- tcp server ---------------- */

static void serve_connection(int fd, int close_first) {
    char header[4];
    double deadline = now_ms() + 5000;
    if (read_until(fd, header, 4, deadline, 0) != 4) _exit(0);
    uint32_t len = ntohl(*(uint32_t *) header);
    if (len > MAX_PAYLOAD) _exit(0);
    char *body = malloc(len + 1);
    if (!body || read_until(fd, body, len, deadline, 0) != (ssize_t) len) _exit(0);
    char reply[64];
    int n = snprintf(reply, sizeof reply, "ok %u %s\n", len, close_first ? "close" : "keep");
    if (write(fd, reply, (size_t) n) != n) _exit(0);
    if (!close_first) {
        char sink[256];
        while (read_until(fd, sink, sizeof sink, deadline, 0) > 0) {
        }
    }
    close(fd);
    _exit(0);
}

static _Noreturn void tcp_server(struct options *o) {
    if (!o->port) die("tcp-server needs --port");
    signal(SIGCHLD, SIG_IGN);
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t) o->port)};
    if (bind(ls, (struct sockaddr *) &sa, sizeof sa) || listen(ls, o->backlog)) die("listen on %d: %s", o->port, strerror(errno));
    printf("{\"event\":\"listening\",\"kind\":\"tcp\",\"port\":%d,\"backlog\":%d,\"acceptDelayMs\":%d}\n",
           o->port, o->backlog, o->accept_delay_ms);
    fflush(stdout);
    for (;;) {
        sleep_ms(o->accept_delay_ms);
        int fd = accept(ls, NULL, NULL);
        if (fd < 0) continue;
        pid_t child = fork();
        if (child == 0) {
            close(ls);
            serve_connection(fd, o->close_first);
        }
        close(fd);
    }
}

/* ---------------- tcp client ---------------- */

struct tcp_outcome {
    const char *result, *stage;
    int err, local_port;
    double connect_ms, total_ms;
};

static int parse_writes(const char *text, int *sizes) {
    int n = 0;
    char copy[256];
    snprintf(copy, sizeof copy, "%s", text);
    for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
        if (n == MAX_WRITES) die("--writes takes at most %d sizes", MAX_WRITES);
        sizes[n++] = int_arg("--writes", tok);
    }
    return n;
}

static int fail(struct tcp_outcome *out, const char *stage, int err) {
    out->stage = stage;
    out->err = err;
    out->result = classify(err);
    return -1;
}

/* A connection under way: connect() was called on a non-blocking socket at start (err: its immediate error). */
struct attempt {
    int fd, err;
    double start;
};

static struct attempt start_connect(const struct options *o, const struct sockaddr_in *dst) {
    struct attempt a = {socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), 0, now_ms()};
    int one = 1;
    if (o->nodelay) setsockopt(a.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (o->df) {
        int pmtu = IP_PMTUDISC_DO;
        setsockopt(a.fd, IPPROTO_IP, IP_MTU_DISCOVER, &pmtu, sizeof pmtu);
    }
    if (o->source_port) {
        setsockopt(a.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        struct sockaddr_in src = {.sin_family = AF_INET, .sin_port = htons((uint16_t) o->source_port)};
        if (bind(a.fd, (struct sockaddr *) &src, sizeof src)) a.err = errno;
    }
    if (!a.err && connect(a.fd, (const struct sockaddr *) dst, sizeof *dst) && errno != EINPROGRESS) a.err = errno;
    return a;
}

static int tcp_exchange(const struct options *o, struct attempt a, struct tcp_outcome *out) {
    int fd = a.fd, rc = a.err;
    if (!rc) rc = wait_ready(fd, POLLOUT, a.start + o->connect_timeout_ms);
    if (!rc) {
        socklen_t len = sizeof rc;
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &rc, &len);
    }
    struct sockaddr_in local;
    socklen_t llen = sizeof local;
    if (getsockname(fd, (struct sockaddr *) &local, &llen) == 0) out->local_port = ntohs(local.sin_port);
    out->connect_ms = now_ms() - a.start;
    if (rc) {
        close(fd);
        return fail(out, "connect", rc);
    }
    int sizes[MAX_WRITES], n = parse_writes(o->writes, sizes), total = 0;
    for (int i = 0; i < n; i++) total += sizes[i];
    if (total < 4 || total - 4 > MAX_PAYLOAD) die("--writes must add up to 4..%d bytes", MAX_PAYLOAD + 4);
    char *payload = malloc((size_t) total);
    memset(payload, 'x', (size_t) total);
    *(uint32_t *) payload = htonl((uint32_t) (total - 4));
    double deadline = now_ms() + o->timeout_ms;
    for (int i = 0, off = 0; i < n; off += sizes[i], i++) {
        if (i > 0) sleep_ms(o->write_gap_ms);
        for (int sent = 0; sent < sizes[i];) {
            if ((rc = wait_ready(fd, POLLOUT, deadline))) break;
            ssize_t w = send(fd, payload + off + sent, (size_t) (sizes[i] - sent), MSG_NOSIGNAL);
            if (w < 0 && errno != EAGAIN && errno != EINTR) {
                rc = errno;
                break;
            }
            if (w > 0) sent += (int) w;
        }
        if (rc) break;
    }
    free(payload);
    if (rc) {
        close(fd);
        return fail(out, "send", rc);
    }
    char reply[64] = {0};
    ssize_t got = read_until(fd, reply, sizeof reply - 1, deadline, 1);
    if (got <= 0 || strncmp(reply, "ok ", 3) != 0) {
        close(fd);
        return fail(out, "reply", got < 0 ? (int) -got : ECONNRESET);
    }
    if (strstr(reply, " close")) {
        char sink[64];
        while (read_until(fd, sink, sizeof sink, deadline, 0) > 0) {
        }
    }
    close(fd);
    out->result = "ok";
    out->stage = "done";
    return 0;
}

static int parse_targets(const char *text, char names[][64], struct sockaddr_in *dst) {
    char copy[1024];
    int n = 0;
    snprintf(copy, sizeof copy, "%s", text);
    for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
        if (n == MAX_TARGETS) die("--targets takes at most %d addresses", MAX_TARGETS);
        snprintf(names[n], 64, "%s", tok);
        parse_addr(tok, &dst[n]);
        n++;
    }
    if (n == 0) die("--targets needs at least one IP:PORT");
    return n;
}

/*
 * Connection seq goes to target seq % targets; a child of a parallel run takes every parallel-th seq, and its
 * first connection was already started by the parent (pre), so a parallel burst leaves within microseconds.
 */
static void tcp_client_run(const struct options *o, char names[][64], const struct sockaddr_in *dst, int targets,
                           int first, const struct attempt *pre) {
    for (int seq = first; seq < o->count; seq += o->parallel) {
        if (seq >= o->parallel) sleep_ms(o->interval_ms);
        struct tcp_outcome out = {0};
        struct attempt a = seq == first && pre ? *pre : start_connect(o, &dst[seq % targets]);
        tcp_exchange(o, a, &out);
        out.total_ms = now_ms() - a.start;
        printf("{\"kind\":\"tcp\",\"seq\":%d,\"target\":\"%s\",\"localPort\":%d,\"result\":\"%s\",\"stage\":\"%s\","
               "\"connectMs\":%.1f,\"totalMs\":%.1f,\"error\":\"%s\"}\n",
               seq, names[seq % targets], out.local_port, out.result, out.stage, out.connect_ms, out.total_ms,
               out.err ? strerror(out.err) : "");
        fflush(stdout);
    }
}

static int tcp_client(struct options *o) {
    if (!o->targets) die("tcp-client needs --targets IP:PORT[,IP:PORT...]");
    char names[MAX_TARGETS][64];
    struct sockaddr_in dst[MAX_TARGETS];
    int targets = parse_targets(o->targets, names, dst);
    int children = o->parallel < o->count ? o->parallel : o->count;
    if (children <= 1) {
        tcp_client_run(o, names, dst, targets, 0, NULL);
        return 0;
    }
    if (children > 256) die("--parallel takes at most 256");
    struct attempt pre[256];
    /*
     * The burst's SYNs must leave together: on a loaded machine the scheduler can stop this loop for milliseconds
     * between two connects, long enough for the server to finish an earlier handshake, which changes what the burst
     * tests (a full accept queue then drops the late SYNs instead of resetting their handshakes). A real-time slot
     * for these few microseconds keeps ordinary tasks from preempting it; without the privilege the burst is sent
     * at normal priority.
     */
    struct sched_param realtime = {.sched_priority = 1}, normal = {.sched_priority = 0};
    int boosted = sched_setscheduler(0, SCHED_FIFO, &realtime) == 0;
    for (int c = 0; c < children; c++) pre[c] = start_connect(o, &dst[c % targets]);
    if (boosted) sched_setscheduler(0, SCHED_OTHER, &normal);
    for (int c = 0; c < children; c++) {
        if (fork() == 0) {
            alarm(o->max_seconds > 0 ? o->max_seconds : 600); /* alarms are not inherited across fork */
            for (int other = 0; other < children; other++) {
                if (other != c) close(pre[other].fd); /* else a closed connection would stay open here */
            }
            tcp_client_run(o, names, dst, targets, c, &pre[c]);
            _exit(0);
        }
    }
    for (int c = 0; c < children; c++) close(pre[c].fd);
    while (wait(NULL) > 0 || errno == EINTR) {
    }
    return 0;
}

/* ---------------- udp (DNS-like) ---------------- */

static _Noreturn void udp_server(struct options *o) {
    if (!o->port) die("udp-server needs --port");
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t) o->port)};
    if (bind(fd, (struct sockaddr *) &sa, sizeof sa)) die("bind udp %d: %s", o->port, strerror(errno));
    printf("{\"event\":\"listening\",\"kind\":\"udp\",\"port\":%d}\n", o->port);
    fflush(stdout);
    for (;;) {
        char buf[512];
        struct sockaddr_in peer;
        socklen_t plen = sizeof peer;
        ssize_t n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *) &peer, &plen);
        if (n >= 4) sendto(fd, buf, (size_t) n, 0, (struct sockaddr *) &peer, plen);
    }
}

static int udp_client(struct options *o) {
    if (!o->targets) die("udp-client needs --targets IP:PORT[,IP:PORT...]");
    char names[MAX_TARGETS][64];
    struct sockaddr_in dst[MAX_TARGETS];
    int fds[MAX_TARGETS], n = parse_targets(o->targets, names, dst);
    for (int t = 0; t < n; t++) {
        fds[t] = socket(AF_INET, SOCK_DGRAM, 0);
        if (connect(fds[t], (struct sockaddr *) &dst[t], sizeof dst[t])) die("connect %s: %s", names[t], strerror(errno));
    }
    for (int seq = 0; seq < o->count; seq++) {
        if (seq > 0) sleep_ms(o->interval_ms);
        double start = now_ms(), deadline = start + o->timeout_ms, took[MAX_TARGETS];
        int answered[MAX_TARGETS] = {0}, pending = n;
        uint32_t id = htonl((uint32_t) seq);
        for (int t = 0; t < n; t++) send(fds[t], &id, sizeof id, 0);
        while (pending > 0) {
            struct pollfd p[MAX_TARGETS];
            for (int t = 0; t < n; t++) p[t] = (struct pollfd) {answered[t] ? -1 : fds[t], POLLIN, 0};
            int left = (int) (deadline - now_ms());
            if (left <= 0 || poll(p, (nfds_t) n, left) <= 0) break;
            for (int t = 0; t < n; t++) {
                uint32_t got;
                if (!(p[t].revents & POLLIN) || recv(fds[t], &got, sizeof got, MSG_DONTWAIT) != sizeof got || got != id) continue;
                answered[t] = 1;
                took[t] = now_ms() - start;
                pending--;
            }
        }
        for (int t = 0; t < n; t++) {
            printf("{\"kind\":\"udp\",\"seq\":%d,\"target\":\"%s\",\"localPort\":0,\"result\":\"%s\",\"stage\":\"%s\","
                   "\"connectMs\":0,\"totalMs\":%.1f,\"error\":\"\"}\n",
                   seq, names[t], answered[t] ? "ok" : "timeout", answered[t] ? "done" : "reply",
                   answered[t] ? took[t] : (double) o->timeout_ms);
        }
        fflush(stdout);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) die("usage: faultlab-workload tcp-server|tcp-client|udp-server|udp-client [options]");
    struct options o;
    parse_options(argc, argv, &o);
    if (strcmp(argv[1], "tcp-server") == 0) tcp_server(&o);
    if (strcmp(argv[1], "tcp-client") == 0) return tcp_client(&o);
    if (strcmp(argv[1], "udp-server") == 0) udp_server(&o);
    if (strcmp(argv[1], "udp-client") == 0) return udp_client(&o);
    die("unknown subcommand '%s': use tcp-server, tcp-client, udp-server or udp-client", argv[1]);
}
