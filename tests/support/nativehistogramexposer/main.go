// A native-histogram exposer for tst_nativehistogramprometheus: Debian's client_golang 1.14 is the one
// package of bookworm that exposes native histograms (in the protobuf format Prometheus 2.42 scrapes with
// --enable-feature=native-histograms). It serves rpc_duration_seconds, a native histogram of lognormal
// latencies around 0.3 s observed continuously, on a free 127.0.0.1 port, and prints "port <N>" once
// listening. It runs until killed.
package main

import (
	"fmt"
	"math"
	"math/rand"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func main() {
	latency := prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "rpc_duration_seconds",
		Help: "Simulated RPC latency, as a native histogram",
		// Exponential buckets growing by at most 10 %: schema 3 (2^(1/8) ≈ 1.09).
		NativeHistogramBucketFactor: 1.1,
	})
	registry := prometheus.NewRegistry()
	registry.MustRegister(latency)

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "nativehistogramexposer:", err)
		os.Exit(1)
	}
	fmt.Printf("port %d\n", listener.Addr().(*net.TCPAddr).Port)

	go func() {
		random := rand.New(rand.NewSource(20261202))
		for range time.Tick(10 * time.Millisecond) {
			for i := 0; i < 5; i++ {
				latency.Observe(0.3 * math.Exp(0.5*random.NormFloat64()))
			}
		}
	}()
	handler := promhttp.HandlerFor(registry, promhttp.HandlerOpts{})
	if err := http.Serve(listener, handler); err != nil {
		fmt.Fprintln(os.Stderr, "nativehistogramexposer:", err)
		os.Exit(1)
	}
}
