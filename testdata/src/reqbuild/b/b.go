// Package b calls the builders of package a through facts.
package b

import "reqbuild/a"

func use() {
	_, _ = a.NewForm("POST", "http://x", "a=b")    // want `NewForm: method 0, body -1, keyed false`
	_, _ = a.NewKeyed("POST", "http://x", "k")     // want `NewKeyed: method 0, body -1, keyed true`
	_, _ = a.NewOrder("http://x", nil)             // want `NewOrder: method POST, body 1, keyed false`
	_, _ = a.NewMapKeyed("PATCH", "http://x", "k") // want `NewMapKeyed: method 0, body -1, keyed true`
}
