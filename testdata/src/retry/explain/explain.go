// Package explain is what -retry.explain says of retry regions and of the
// loops with a fallible call that are not one, in source order.
package explain

import (
	"errors"
	"net/http"
	"time"
)

func send(c *http.Client, req *http.Request) error {
	for attempt := 0; attempt < 3; attempt++ { // want `retry region: loop retries c.Do on err != nil, counting attempts in attempt`
		resp, err := c.Do(req)
		if err == nil {
			return resp.Body.Close()
		}
		time.Sleep(time.Second)
	}
	return errors.New("gave up")
}

func page(token string) (string, error) { return token, nil }

func pages() error {
	token := ""
	for i := 0; i < 3; i++ { // want `not a retry region: no attempt is repeated only after it fails: page: it goes round after a success \(err == nil\)`
		next, err := page(token)
		if err != nil {
			return err
		}
		token = next
	}
	return nil
}

func worker(c *http.Client, work chan *http.Request) {
	for { // want `not a retry region: it receives work from work: a worker loop`
		req := <-work
		resp, err := c.Do(req)
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}

func pages2() error {
	token := "2"
	for i := 0; i < 3; i++ { // want `not a retry region: no attempt is repeated only after it fails: page: it goes round after a success \(err == nil\)`
		next, err := page(token)
		if err != nil {
			return err
		}
		token = next
	}
	return nil
}

func worker2(c *http.Client, work chan *http.Request) {
	for { // want `not a retry region: it receives work from work: a worker loop`
		req := <-work
		resp, err := c.Do(req)
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}

func pages3() error {
	token := "3"
	for i := 0; i < 3; i++ { // want `not a retry region: no attempt is repeated only after it fails: page: it goes round after a success \(err == nil\)`
		next, err := page(token)
		if err != nil {
			return err
		}
		token = next
	}
	return nil
}

func worker3(c *http.Client, work chan *http.Request) {
	for { // want `not a retry region: it receives work from work: a worker loop`
		req := <-work
		resp, err := c.Do(req)
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}

func pages4() error {
	token := "4"
	for i := 0; i < 3; i++ { // want `not a retry region: no attempt is repeated only after it fails: page: it goes round after a success \(err == nil\)`
		next, err := page(token)
		if err != nil {
			return err
		}
		token = next
	}
	return nil
}

func worker4(c *http.Client, work chan *http.Request) {
	for { // want `not a retry region: it receives work from work: a worker loop`
		req := <-work
		resp, err := c.Do(req)
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}

func pages5() error {
	token := "5"
	for i := 0; i < 3; i++ { // want `not a retry region: no attempt is repeated only after it fails: page: it goes round after a success \(err == nil\)`
		next, err := page(token)
		if err != nil {
			return err
		}
		token = next
	}
	return nil
}

func worker5(c *http.Client, work chan *http.Request) {
	for { // want `not a retry region: it receives work from work: a worker loop`
		req := <-work
		resp, err := c.Do(req)
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}
